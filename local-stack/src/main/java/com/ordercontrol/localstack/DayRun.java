package com.ordercontrol.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.localstack.PosClient.PaidOrder;
import com.ordercontrol.localstack.SampleDay.SampleOrder;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plays a day of orders through the POS API, with refunds mixed in (partial and full, right after their
 * order is paid), waits until every payment and refund is a fact in the cloud (or a time limit passes),
 * then reads both sides' daily totals.
 */
public final class DayRun {

    /**
     * What one run saw.
     *
     * @param orders       orders paid through the POS API
     * @param payments     payments those orders carried
     * @param refunds      refunds taken through the POS API
     * @param posTotals    the POS's own report, per business day
     * @param cloudTotals  finance's report from the cloud, per business day
     * @param latencyP50   commit-to-fact latency, median
     * @param latencyP99   commit-to-fact latency, 99th percentile
     * @param missing      payments and refunds that were not facts when the wait ended
     * @param playTime     how long paying (and refunding) the orders took
     * @param settleTime   from the first pay call until the last payment or refund was a fact
     */
    public record Result(int orders, int payments, int refunds, Map<LocalDate, JsonNode> posTotals,
                         Map<LocalDate, JsonNode> cloudTotals, Duration latencyP50, Duration latencyP99,
                         int missing, Duration playTime, Duration settleTime) {

        /** The cloud's totals equal the POS's, field by field, for every day, and nothing is missing. */
        public boolean totalsMatch() {
            return missing == 0 && posTotals.equals(cloudTotals);
        }
    }

    private DayRun() {
    }

    public static Result play(LocalPipeline pipeline, int orderCount, long seed, Duration settleLimit) {
        StackSettings settings = pipeline.settings();
        PosClient pos = new PosClient(settings.posUrl());
        CloudReportClient cloud = new CloudReportClient(settings.ingestUrl(), settings.financeToken());
        List<SampleOrder> day = new SampleDay(seed).orders(orderCount);
        TreeSet<LocalDate> dates = new TreeSet<>();
        int payments = 0;
        int refunds = 0;
        long start = System.nanoTime();
        Duration playTime;
        Duration settleTime;
        int missing;
        Duration p50;
        Duration p99;
        try (LatencyProbe probe = new LatencyProbe(() -> connect(pipeline), settings.venueId())) {
            List<PaidOrder> paid = new ArrayList<>(orderCount);
            for (SampleOrder order : day) {
                dates.add(LocalDate.now(ZoneOffset.UTC));
                PaidOrder done = pos.pay(pos.createOrder(order.total()), order.tenders());
                probe.committed(done.paymentIds());
                for (SampleDay.SampleRefund refund : order.refunds()) {
                    String refundId = pos.refund(done.orderId(), done.paymentIds().get(refund.tender()),
                            refund.amount(), refund.amount() == null ? "returned in full" : "partly returned");
                    probe.committed(List.of(refundId));
                    refunds++;
                }
                dates.add(LocalDate.now(ZoneOffset.UTC));
                payments += done.paymentIds().size();
                paid.add(done);
            }
            playTime = Duration.ofNanos(System.nanoTime() - start);
            long deadline = System.nanoTime() + settleLimit.toNanos();
            while (probe.pendingCount() > 0 && System.nanoTime() < deadline) {
                pipeline.relay().requireAlive();
                Waits.pause(Duration.ofMillis(20));
            }
            settleTime = Duration.ofNanos(System.nanoTime() - start);
            missing = probe.pendingCount();
            p50 = probe.percentile(50);
            p99 = probe.percentile(99);
        }
        Map<LocalDate, JsonNode> posTotals = new TreeMap<>();
        Map<LocalDate, JsonNode> cloudTotals = new TreeMap<>();
        for (LocalDate date : dates) {
            posTotals.put(date, pos.dailyTotals(date));
            cloudTotals.put(date, cloud.dailyTotals(settings.venueId(), date));
        }
        return new Result(orderCount, payments, refunds, posTotals, cloudTotals, p50, p99, missing, playTime, settleTime);
    }

    private static java.sql.Connection connect(LocalPipeline pipeline) {
        try {
            return pipeline.cloudConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cloud database unreachable: " + e.getMessage(), e);
        }
    }
}
