package com.ordercontrol.faultsuite;

import com.ordercontrol.faultsuite.Verdict.VenueResult;
import java.util.Map;

/** The fault suite's summary, as a plain-text table (also pasted into docs/reliability.md). */
final class SummaryTable {

    private SummaryTable() {
    }

    private static String seconds(java.time.Duration d) {
        return d == null ? "never" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    static String render(FaultSuite.Report r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Fault suite, profile %s, seed %d: %s%n%n", r.profile().name(), r.profile().seed(),
                r.passed() ? "PASSED" : "FAILED"));
        out.append("| fault | injected |\n|---|---:|\n");
        r.faults().forEach((kind, n) -> out.append(String.format("| %s | %d |%n", kind.label, n)));
        out.append(String.format("| **total** | **%d** |%n", r.totalFaults()));
        out.append(String.format("%nServices that exited on their own and were restarted: %d%n%n", r.unexpectedExits()));
        out.append("| venue | POS payments | facts | lost | doubled | wrong amount | acked but not in POS | parked | "
                + "days differing | max queue depth (cap) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (VenueResult v : r.venues()) {
            out.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %d of %d | %d (%d) |%n", v.venueId(),
                    v.posPayments(), v.facts(), v.lost(), v.extra() + v.extraEvents(), v.wrongAmount(),
                    v.ackedNotInPos(), v.parked(), v.daysDiffering(), v.daysCompared(), v.maxQueueDepth(),
                    v.queueCap()));
        }
        out.append("\n| venue | POS refunds | refund facts | lost | doubled | wrong amount | acked but not in POS |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (VenueResult v : r.venues()) {
            out.append(String.format("| %s | %d | %d | %d | %d | %d | %d |%n", v.venueId(), v.posRefunds(),
                    v.refundFacts(), v.refundsLost(), v.refundsExtra(), v.refundsWrong(), v.ackedRefundsNotInPos()));
        }
        out.append(String.format("%nOrders paid (POS answered 200): %d; pay calls that failed during faults: %d%n",
                r.paidOrders(), r.failedPayCalls()));
        out.append(String.format("Traffic time: %d s; time to settle after traffic stopped: %d s (settled: %s)%n%n",
                r.trafficTime().toSeconds(), r.settleTime().toSeconds(), r.settled()));
        out.append("| bad request | expected | as expected | otherwise | inconclusive (5xx / no answer) |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, BadTraffic.Tally> e : r.badRequests().entrySet()) {
            BadTraffic.Tally t = e.getValue();
            out.append(String.format("| %s | %d | %d | %d%s | %d |%n", e.getKey(), t.expected(), t.matched(),
                    t.mismatched(), t.lastMismatch() == null ? "" : " (" + t.lastMismatch() + ")", t.inconclusive()));
        }
        out.append(String.format("%nBad requests stored anyway: %d; invalid events missing from dead letters: %d%n",
                r.storedRefusals(), r.missingDeadLetters()));
        PoisonFault.Result p = r.poison();
        out.append("\n| poison event (signed by venue-1's node) | sent | accepted (202) | dead-lettered | became facts "
                + "| inconclusive (5xx / no answer) |\n|---|---:|---:|---:|---:|---:|\n");
        p.classes().forEach((name, t) -> out.append(String.format("| %s | %d | %d | %d | %d | %d%s |%n", name, t.sent(),
                t.accepted(), t.deadLettered(), t.becameFacts(), t.inconclusive(),
                t.otherStatus() == 0 ? "" : " (+" + t.otherStatus() + " other status)")));
        out.append(String.format("%nPoison events dead-lettered: %d of %d accepted (reasons with control characters: %d); "
                + "a fact of another venue followed each poison fault: %d probes, slowest %.1f s (limit %d s), late %d"
                + "; poison faults skipped (facts not flowing before): %d%n", p.accepted() - p.missingDeadLetters(),
                p.accepted(), p.unprintableReasons(), p.probes(), p.slowestProbe().toMillis() / 1000.0,
                PoisonFault.PROBE_LIMIT.toSeconds(), p.lateProbes(), p.skipped()));
        SilentNodeCheck.Result s = r.silentNode();
        out.append(String.format("%nSilent node (relay of %s stopped, cloud threshold %d s): every venue heard before: %s;"
                + " flagged silent after %s (allowed %.1f..%.1f s), other venues still heard: %s; flag cleared %s after"
                + " the restart: %s%n", s.venueId(), s.silentAfter().toSeconds(), s.heardBefore(), seconds(s.flaggedAfter()),
                s.earliest().toMillis() / 1000.0, s.latest().toMillis() / 1000.0, s.othersHeard(),
                seconds(s.clearedAfter()), s.ok() ? "OK" : "FAILED"));
        return out.toString();
    }
}
