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

    @Test
    void writesTheAgreedJsonShapeWithExactDecimalStrings() {
        DailyTotals totals = new DailyTotals("venue-1", DAY, DAY, ZoneId.of("UTC"), 3, 2, new BigDecimal("35.00"),
                new BigDecimal("4.00"), new BigDecimal("39.00"), List.of(
                        new DailyTotals.MethodTotals("card", 2, new BigDecimal("25.00"), new BigDecimal("4.00"),
                                new BigDecimal("29.00"))));
        assertThat(new String(DailyTotalsFormat.json(totals), StandardCharsets.UTF_8)).isEqualTo(
                "{\"venueId\":\"venue-1\",\"date\":\"2026-11-24\",\"timeZone\":\"UTC\",\"paymentCount\":3,"
                        + "\"orderCount\":2,\"grossSales\":\"35.00\",\"tips\":\"4.00\",\"totalCollected\":\"39.00\","
                        + "\"byMethod\":[{\"method\":\"card\",\"paymentCount\":2,\"grossSales\":\"25.00\","
                        + "\"tips\":\"4.00\",\"totalCollected\":\"29.00\"}]}");
    }

    @Test
    void anEmptyRangeIsZerosAsCsv() {
        DailyTotals empty = new DailyTotals("venue-1", DAY, DAY.plusDays(6), ZoneId.of("America/Los_Angeles"), 0, 0,
                new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"), List.of());
        assertThat(DailyTotalsFormat.csv(empty)).isEqualTo(DailyTotalsFormat.CSV_HEADER + "\r\n"
                + "venue-1,2026-11-24,2026-11-30,America/Los_Angeles,TOTAL,0,0,0.00,0.00,0.00\r\n");
    }
}
