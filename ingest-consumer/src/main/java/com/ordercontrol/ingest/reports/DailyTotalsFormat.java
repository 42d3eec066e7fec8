package com.ordercontrol.ingest.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercontrol.contract.ContractJson;
import java.math.BigDecimal;

/**
 * The report's two wire forms. JSON is the shape the POS's own report uses (amounts as exact decimal
 * strings, field order fixed); a single day has {@code date}, a range {@code from} and {@code to}; one
 * block per currency under {@code currencies}, each naming its currency. CSV names the currency on
 * every row: per currency, one row per method and a last row with method {@code TOTAL}.
 */
final class DailyTotalsFormat {

    static final String CSV_HEADER =
            "venueId,from,to,timeZone,currency,method,paymentCount,refundCount,orderCount,grossSales,refunds,netSales,"
                    + "tips,totalCollected";

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
        node.put("refundCount", t.refundCount());
        node.put("orderCount", t.orderCount());
        ArrayNode currencies = node.putArray("currencies");
        for (DailyTotals.CurrencyTotals c : t.currencies()) {
            ObjectNode block = currencies.addObject();
            block.put("currency", c.currency());
            block.put("paymentCount", c.paymentCount());
            block.put("refundCount", c.refundCount());
            block.put("orderCount", c.orderCount());
            money(block, c.grossSales(), c.refunds(), c.netSales(), c.tips(), c.totalCollected());
            ArrayNode methods = block.putArray("byMethod");
            for (DailyTotals.MethodTotals m : c.byMethod()) {
                ObjectNode line = methods.addObject();
                line.put("method", m.method());
                line.put("paymentCount", m.paymentCount());
                line.put("refundCount", m.refundCount());
                money(line, m.grossSales(), m.refunds(), m.netSales(), m.tips(), m.totalCollected());
            }
        }
        return ContractJson.write(node);
    }

    private static void money(ObjectNode node, BigDecimal gross, BigDecimal refunds, BigDecimal net, BigDecimal tips,
            BigDecimal total) {
        node.put("grossSales", gross.toPlainString());
        node.put("refunds", refunds.toPlainString());
        node.put("netSales", net.toPlainString());
        node.put("tips", tips.toPlainString());
        node.put("totalCollected", total.toPlainString());
    }

    static String csv(DailyTotals t) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        String prefix = String.join(",", t.venueId(), t.from().toString(), t.to().toString(), t.zone().getId());
        for (DailyTotals.CurrencyTotals c : t.currencies()) {
            // Currency codes are [A-Z]{3} and methods [a-z0-9_] (validated in the contract): no quoting needed.
            for (DailyTotals.MethodTotals m : c.byMethod()) {
                out.append(String.join(",", prefix, c.currency(), m.method(), Long.toString(m.paymentCount()),
                        Long.toString(m.refundCount()), "", plain(m.grossSales(), m.refunds(), m.netSales(), m.tips(),
                                m.totalCollected()))).append("\r\n");
            }
            out.append(String.join(",", prefix, c.currency(), "TOTAL", Long.toString(c.paymentCount()),
                    Long.toString(c.refundCount()), Long.toString(c.orderCount()), plain(c.grossSales(), c.refunds(),
                            c.netSales(), c.tips(), c.totalCollected()))).append("\r\n");
        }
        return out.toString();
    }

    private static String plain(BigDecimal... amounts) {
        return String.join(",", java.util.Arrays.stream(amounts).map(BigDecimal::toPlainString).toList());
    }
}
