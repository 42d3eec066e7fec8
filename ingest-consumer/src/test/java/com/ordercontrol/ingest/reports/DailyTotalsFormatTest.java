package com.ordercontrol.ingest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyTotalsFormatTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-24");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** JPY without refunds; USD card with one 5.00 refund. */
    private static DailyTotals twoCurrencies() {
        return new DailyTotals("venue-1", DAY, DAY, ZoneId.of("UTC"), 4, 1, 3, List.of(
                new DailyTotals.CurrencyTotals("JPY", 1, 0, 1, d("1000"), d("0"), d("1000"), d("0"), d("1000"),
                        List.of(new DailyTotals.MethodTotals("cash", 1, 0, d("1000"), d("0"), d("1000"), d("0"),
                                d("1000")))),
                new DailyTotals.CurrencyTotals("USD", 3, 1, 2, d("35.00"), d("5.00"), d("30.00"), d("4.00"),
                        d("34.00"), List.of(new DailyTotals.MethodTotals("card", 3, 1, d("35.00"), d("5.00"),
                                d("30.00"), d("4.00"), d("34.00"))))));
    }

    @Test
    void writesOneNamedBlockPerCurrencyWithExactDecimalStrings() {
        assertThat(new String(DailyTotalsFormat.json(twoCurrencies()), StandardCharsets.UTF_8)).isEqualTo(
                "{\"venueId\":\"venue-1\",\"date\":\"2026-11-24\",\"timeZone\":\"UTC\",\"paymentCount\":4,"
                        + "\"refundCount\":1,\"orderCount\":3,\"currencies\":["
                        + "{\"currency\":\"JPY\",\"paymentCount\":1,\"refundCount\":0,\"orderCount\":1,"
                        + "\"grossSales\":\"1000\",\"refunds\":\"0\",\"netSales\":\"1000\",\"tips\":\"0\","
                        + "\"totalCollected\":\"1000\",\"byMethod\":[{\"method\":\"cash\",\"paymentCount\":1,"
                        + "\"refundCount\":0,\"grossSales\":\"1000\",\"refunds\":\"0\",\"netSales\":\"1000\","
                        + "\"tips\":\"0\",\"totalCollected\":\"1000\"}]},"
                        + "{\"currency\":\"USD\",\"paymentCount\":3,\"refundCount\":1,\"orderCount\":2,"
                        + "\"grossSales\":\"35.00\",\"refunds\":\"5.00\",\"netSales\":\"30.00\",\"tips\":\"4.00\","
                        + "\"totalCollected\":\"34.00\",\"byMethod\":[{\"method\":\"card\",\"paymentCount\":3,"
                        + "\"refundCount\":1,\"grossSales\":\"35.00\",\"refunds\":\"5.00\",\"netSales\":\"30.00\","
                        + "\"tips\":\"4.00\",\"totalCollected\":\"34.00\"}]}]}");
    }

    @Test
    void csvNamesTheCurrencyOnEveryRowAndTotalsEachCurrencyAlone() {
        assertThat(DailyTotalsFormat.CSV_HEADER).isEqualTo("venueId,from,to,timeZone,currency,method,paymentCount,"
                + "refundCount,orderCount,grossSales,refunds,netSales,tips,totalCollected");
        assertThat(DailyTotalsFormat.csv(twoCurrencies())).isEqualTo(DailyTotalsFormat.CSV_HEADER + "\r\n"
                + "venue-1,2026-11-24,2026-11-24,UTC,JPY,cash,1,0,,1000,0,1000,0,1000\r\n"
                + "venue-1,2026-11-24,2026-11-24,UTC,JPY,TOTAL,1,0,1,1000,0,1000,0,1000\r\n"
                + "venue-1,2026-11-24,2026-11-24,UTC,USD,card,3,1,,35.00,5.00,30.00,4.00,34.00\r\n"
                + "venue-1,2026-11-24,2026-11-24,UTC,USD,TOTAL,3,1,2,35.00,5.00,30.00,4.00,34.00\r\n");
    }

    @Test
    void anEmptyRangeHasNoCurrencyBlockAndOnlyTheCsvHeader() {
        DailyTotals empty = new DailyTotals("venue-1", DAY, DAY.plusDays(6), ZoneId.of("America/Los_Angeles"), 0, 0,
                0, List.of());
        assertThat(DailyTotalsFormat.csv(empty)).isEqualTo(DailyTotalsFormat.CSV_HEADER + "\r\n");
        assertThat(new String(DailyTotalsFormat.json(empty), StandardCharsets.UTF_8)).isEqualTo(
                "{\"venueId\":\"venue-1\",\"from\":\"2026-11-24\",\"to\":\"2026-11-30\",\"timeZone\":\"America/Los_Angeles\","
                        + "\"paymentCount\":0,\"refundCount\":0,\"orderCount\":0,\"currencies\":[]}");
    }
}
