package com.ordercontrol.localstack;

import com.ordercontrol.localstack.PosClient.Tender;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A day of trade at one venue: orders of 4.50 to 120.00, mostly card with tips, some cash, some split
 * between card and cash. The same seed always gives the same day.
 */
public final class SampleDay {

    private final Random random;

    public SampleDay(long seed) {
        this.random = new Random(seed);
    }

    /** One order: its total and the tenders that pay it exactly. */
    public record SampleOrder(BigDecimal total, List<Tender> tenders) {
    }

    public List<SampleOrder> orders(int count) {
        List<SampleOrder> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            orders.add(next());
        }
        return orders;
    }

    private SampleOrder next() {
        BigDecimal total = cents(450 + random.nextInt(11_551));
        int kind = random.nextInt(10);
        if (kind < 6) {
            return new SampleOrder(total, List.of(new Tender("card", total, tip(total))));
        }
        if (kind < 8) {
            return new SampleOrder(total, List.of(new Tender("cash", total, BigDecimal.ZERO.setScale(2))));
        }
        // Split: part on a card (with a tip), the rest in cash.
        BigDecimal card = total.multiply(BigDecimal.valueOf(20 + random.nextInt(61)))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN).max(cents(1));
        BigDecimal cash = total.subtract(card);
        if (cash.signum() <= 0) {
            return new SampleOrder(total, List.of(new Tender("card", total, tip(total))));
        }
        return new SampleOrder(total, List.of(
                new Tender("card", card, tip(card)),
                new Tender("cash", cash, BigDecimal.ZERO.setScale(2))));
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
