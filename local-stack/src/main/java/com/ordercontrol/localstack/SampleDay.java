package com.ordercontrol.localstack;

import com.ordercontrol.localstack.PosClient.Tender;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A day of trade at one venue: orders of 4.50 to 120.00, mostly card with tips, some cash, some split
 * between card and cash; about a quarter of the orders get refunds after they are paid, partial or full.
 * The same seed always gives the same day.
 */
public final class SampleDay {

    private final Random random;
    // A second stream for the refunds, so the orders of a seed stay what they were before refunds existed.
    private final Random refundRandom;

    public SampleDay(long seed) {
        this.random = new Random(seed);
        this.refundRandom = new Random(~seed);
    }

    /**
     * A refund to take once the order is paid.
     *
     * @param tender which tender (payment) of the order, by index
     * @param amount how much; null gives back the rest of the tender's amount (a full refund)
     */
    public record SampleRefund(int tender, BigDecimal amount) {
    }

    /** One order: its total, the tenders that pay it exactly, and the refunds taken afterwards, in order. */
    public record SampleOrder(BigDecimal total, List<Tender> tenders, List<SampleRefund> refunds) {

        /** The amount each refund gives back, in order (a full refund's is the rest of its tender). */
        public List<BigDecimal> refundAmounts() {
            BigDecimal[] left = tenders.stream().map(Tender::amount).toArray(BigDecimal[]::new);
            List<BigDecimal> amounts = new ArrayList<>(refunds.size());
            for (SampleRefund r : refunds) {
                BigDecimal amount = r.amount() == null ? left[r.tender()] : r.amount();
                left[r.tender()] = left[r.tender()].subtract(amount);
                amounts.add(amount);
            }
            return amounts;
        }
    }

    public List<SampleOrder> orders(int count) {
        List<SampleOrder> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SampleOrder paid = next();
            orders.add(new SampleOrder(paid.total(), paid.tenders(), refunds(paid.tenders())));
        }
        return orders;
    }

    /** One in ten: a partial refund; one in ten: a full one; one in twenty: a partial, then the rest. */
    private List<SampleRefund> refunds(List<Tender> tenders) {
        int kind = refundRandom.nextInt(20);
        int tender = refundRandom.nextInt(tenders.size());
        BigDecimal amount = tenders.get(tender).amount();
        BigDecimal part = amount.multiply(BigDecimal.valueOf(10 + refundRandom.nextInt(50)))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
        boolean partialFits = part.signum() > 0 && part.compareTo(amount) < 0;
        if (kind < 2 && partialFits) {
            return List.of(new SampleRefund(tender, part));
        }
        if (kind < 4) {
            return List.of(new SampleRefund(tender, null));
        }
        if (kind == 4 && partialFits) {
            return List.of(new SampleRefund(tender, part), new SampleRefund(tender, null));
        }
        return List.of();
    }

    private SampleOrder next() {
        BigDecimal total = cents(450 + random.nextInt(11_551));
        int kind = random.nextInt(10);
        if (kind < 6) {
            return new SampleOrder(total, List.of(new Tender("card", total, tip(total))), List.of());
        }
        if (kind < 8) {
            return new SampleOrder(total, List.of(new Tender("cash", total, BigDecimal.ZERO.setScale(2))), List.of());
        }
        // Split: part on a card (with a tip), the rest in cash.
        BigDecimal card = total.multiply(BigDecimal.valueOf(20 + random.nextInt(61)))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN).max(cents(1));
        BigDecimal cash = total.subtract(card);
        if (cash.signum() <= 0) {
            return new SampleOrder(total, List.of(new Tender("card", total, tip(total))), List.of());
        }
        return new SampleOrder(total, List.of(
                new Tender("card", card, tip(card)),
                new Tender("cash", cash, BigDecimal.ZERO.setScale(2))), List.of());
    }

    /** 0, 10, 15, 18 or 20 percent, rounded to the cent. */
    private BigDecimal tip(BigDecimal amount) {
        int[] percents = {0, 10, 15, 18, 20};
        int percent = percents[random.nextInt(percents.length)];
        return amount.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal cents(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
