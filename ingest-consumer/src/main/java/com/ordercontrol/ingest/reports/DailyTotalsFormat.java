package com.ordercontrol.ingest.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercontrol.contract.ContractJson;

/**
 * The report's two wire forms. JSON is the shape the POS's own report uses (amounts as exact decimal
 * strings, field order fixed); a single day has {@code date}, a range {@code from} and {@code to}.
 * CSV has one row per method and a last row with method {@code TOTAL}.
 */
final class DailyTotalsFormat {

    static final String CSV_HEADER = "venueId,from,to,timeZone,method,paymentCount,orderCount,grossSales,tips,totalCollected";

    private DailyTotalsFormat() {
    }

    static byte[] json(DailyTotals t) {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("venueId", t.venueId());
        if (t.from().equals(t.to())) {
            node.put("date", t.from().toString());
        } else {
            node.put("from", t.from().toString());
            node.put("to", t.to().toString());
        }
        node.put("timeZone", t.zone().getId());
        node.put("paymentCount", t.paymentCount());
        node.put("orderCount", t.orderCount());
        node.put("grossSales", t.grossSales().toPlainString());
        node.put("tips", t.tips().toPlainString());
        node.put("totalCollected", t.totalCollected().toPlainString());
        ArrayNode methods = node.putArray("byMethod");
        for (DailyTotals.MethodTotals m : t.byMethod()) {
            ObjectNode line = methods.addObject();
            line.put("method", m.method());
            line.put("paymentCount", m.paymentCount());
            line.put("grossSales", m.grossSales().toPlainString());
            line.put("tips", m.tips().toPlainString());
            line.put("totalCollected", m.totalCollected().toPlainString());
        }
        return ContractJson.write(node);
    }

    static String csv(DailyTotals t) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        String prefix = String.join(",", t.venueId(), t.from().toString(), t.to().toString(), t.zone().getId());
        for (DailyTotals.MethodTotals m : t.byMethod()) {
            // Method names are [a-z0-9_] (validated in the contract), so no CSV quoting is needed.
            out.append(String.join(",", prefix, m.method(), Long.toString(m.paymentCount()), "",
                    m.grossSales().toPlainString(), m.tips().toPlainString(), m.totalCollected().toPlainString()))
                    .append("\r\n");
        }
        out.append(String.join(",", prefix, "TOTAL", Long.toString(t.paymentCount()), Long.toString(t.orderCount()),
                t.grossSales().toPlainString(), t.tips().toPlainString(), t.totalCollected().toPlainString()))
                .append("\r\n");
        return out.toString();
    }
}
