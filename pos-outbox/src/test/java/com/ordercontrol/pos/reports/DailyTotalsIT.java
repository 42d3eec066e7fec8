package com.ordercontrol.pos.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.pos.support.PosApi.Reply;
import com.ordercontrol.pos.support.PosIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The POS's own daily totals over a known set of payments, at the edges of the business day. */
class DailyTotalsIT extends PosIntegrationTest {

    private static boolean seeded;

    @Autowired
    DailyTotalsReport report;

    /** Payments in 2031, a year no other test pays in, so the sums below are this class's alone. */
    @BeforeEach
    void seedOnce() {
        if (seeded) {
            return;
        }
        pay("2031-03-14T00:00:00Z", "20.00", """
                {"method":"card","amount":"15.00","tip":"3.00"},{"method":"cash","amount":5}""");
        pay("2031-03-14T23:59:59.999999Z", "15.00", """
                {"method":"card","amount":"10.00","tip":"1.00"},{"method":"card","amount":"5.00","tip":"0"}""");
        pay("2031-03-15T00:00:00Z", "9.99", """
                {"method":"card","amount":"9.99","tip":"0.01"}""");
        pay("2031-03-13T23:59:59.999999Z", "4.44", """
                {"method":"voucher","amount":"4.44"}""");
        api.createOrder("100.00"); // open, never paid: not in any total
        seeded = true;
    }

    @Test
    void sumsExactlyThePaymentsOfTheBusinessDay() throws Exception {
        Reply reply = api.get("/api/reports/daily-totals?date=2031-03-14");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(ContractJson.read("""
                {"venueId":"venue-1","date":"2031-03-14","timeZone":"UTC","paymentCount":4,"refundCount":0,"orderCount":2,
                 "currencies":[{"currency":"USD","paymentCount":4,"refundCount":0,"orderCount":2,
                 "grossSales":"35.00","refunds":"0.00","netSales":"35.00","tips":"4.00","totalCollected":"39.00","byMethod":[
                  {"method":"card","paymentCount":3,"refundCount":0,"grossSales":"30.00","refunds":"0.00","netSales":"30.00","tips":"4.00","totalCollected":"34.00"},
                  {"method":"cash","paymentCount":1,"refundCount":0,"grossSales":"5.00","refunds":"0.00","netSales":"5.00","tips":"0.00","totalCollected":"5.00"}]}]}"""));
    }

    @Test
    void theNextDayStartsAtMidnightInTheVenueZone() throws Exception {
        assertThat(api.get("/api/reports/daily-totals?date=2031-03-15").body()).isEqualTo(ContractJson.read("""
                {"venueId":"venue-1","date":"2031-03-15","timeZone":"UTC","paymentCount":1,"refundCount":0,"orderCount":1,
                 "currencies":[{"currency":"USD","paymentCount":1,"refundCount":0,"orderCount":1,
                 "grossSales":"9.99","refunds":"0.00","netSales":"9.99","tips":"0.01","totalCollected":"10.00","byMethod":[
                  {"method":"card","paymentCount":1,"refundCount":0,"grossSales":"9.99","refunds":"0.00","netSales":"9.99","tips":"0.01","totalCollected":"10.00"}]}]}"""));

        // In New York (UTC-4 that day) 2031-03-13 runs to 04:00Z on the 14th: it takes the first order too.
        DailyTotals newYork = report.totals("venue-1", LocalDate.parse("2031-03-13"), ZoneId.of("America/New_York"));
        assertThat(newYork.paymentCount()).isEqualTo(3);
        assertThat(newYork.orderCount()).isEqualTo(2);
        assertThat(newYork.currencies()).singleElement().satisfies(usd -> {
            assertThat(usd.grossSales()).isEqualTo("24.44");
            assertThat(usd.byMethod()).extracting(DailyTotals.MethodTotals::method).containsExactly("card", "cash", "voucher");
        });
    }

    @Test
    void anEmptyDayIsZerosAndNoMethods() throws Exception {
        assertThat(api.get("/api/reports/daily-totals?date=2031-03-20").body()).isEqualTo(ContractJson.read("""
                {"venueId":"venue-1","date":"2031-03-20","timeZone":"UTC","paymentCount":0,"refundCount":0,"orderCount":0,
                 "currencies":[]}"""));
    }

    @Test
    void aMissingOrMalformedDateIs400() {
        assertThat(api.get("/api/reports/daily-totals").status()).isEqualTo(400);
        Reply reply = api.get("/api/reports/daily-totals?date=14-03-2031");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("message")).isEqualTo("date must be a calendar date as YYYY-MM-DD but was '14-03-2031'");
    }

    /** Issue 10: a day with USD and JPY orders has one block per currency; yen are never added to dollars. */
    @Test
    void eachCurrencyHasItsOwnBlock() throws Exception {
        Reply yen = api.post("/api/orders", "{\"total\":\"1000\",\"currency\":\"JPY\"}");
        clock.pin(Instant.parse("2032-06-01T12:00:00Z"));
        Reply paid = api.post("/api/orders/" + yen.text("orderId") + "/pay",
                "{\"payments\":[{\"method\":\"cash\",\"amount\":\"1000\"}]}");
        clock.release();
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        pay("2032-06-01T13:00:00Z", "10.00", """
                {"method":"card","amount":"10.00","tip":"1.00"}""");

        assertThat(api.get("/api/reports/daily-totals?date=2032-06-01").body()).isEqualTo(ContractJson.read("""
                {"venueId":"venue-1","date":"2032-06-01","timeZone":"UTC","paymentCount":2,"refundCount":0,"orderCount":2,
                 "currencies":[
                  {"currency":"JPY","paymentCount":1,"refundCount":0,"orderCount":1,"grossSales":"1000","refunds":"0","netSales":"1000","tips":"0",
                   "totalCollected":"1000","byMethod":[
                    {"method":"cash","paymentCount":1,"refundCount":0,"grossSales":"1000","refunds":"0","netSales":"1000","tips":"0","totalCollected":"1000"}]},
                  {"currency":"USD","paymentCount":1,"refundCount":0,"orderCount":1,"grossSales":"10.00","refunds":"0.00","netSales":"10.00","tips":"1.00",
                   "totalCollected":"11.00","byMethod":[
                    {"method":"card","paymentCount":1,"refundCount":0,"grossSales":"10.00","refunds":"0.00","netSales":"10.00","tips":"1.00","totalCollected":"11.00"}]}]}"""));
    }

    /** Issue 10: a date outside 2000..2099 is a 400, never a 5xx. */
    @Test
    void aDateOutsideTheSaneRangeIs400() {
        for (String date : new String[] {"+300000-01-01", "+999999999-12-31", "1999-12-31", "2100-01-01",
                "-999999999-01-01"}) {
            Reply reply = api.get("/api/reports/daily-totals?date=" + date.replace("+", "%2B"));
            assertThat(reply.status()).as(date).isEqualTo(400);
            assertThat(reply.text("message")).as(date).startsWith("date must be from 2000-01-01 to 2099-12-31");
        }
        assertThat(api.get("/api/reports/daily-totals?date=2099-12-31").status()).isEqualTo(200);
    }

    /**
     * Issue 12: refunds count on the business day of their refundedAt in the venue's zone, under their
     * payment's method, whatever day the payment was; a refund at 23:30 in Los Angeles on day D is on D
     * although it is D+1 in UTC. Payments in 2033, a year no other test uses.
     */
    @Test
    void refundsCountOnTheirOwnBusinessDayUnderTheirPaymentsMethod() throws Exception {
        // 2033-05-10 11:00 in Los Angeles (PDT, UTC-7).
        Reply paid = pay("2033-05-10T18:00:00Z", "50.00", """
                {"method":"card","amount":"40.00","tip":"4.00"},{"method":"cash","amount":"10.00"}""");
        String orderId = paid.text("orderId");
        String card = paid.body().get("payments").get(0).get("paymentId").asText();
        String cash = paid.body().get("payments").get(1).get("paymentId").asText();
        refund("2033-05-11T06:30:00Z", orderId, card, "{\"amount\":\"15.00\",\"reason\":\"late, 23:30 local\"}");
        refund("2033-05-11T07:30:00Z", orderId, cash, "{\"reason\":\"00:30 local, the next day\"}");
        ZoneId la = ZoneId.of("America/Los_Angeles");

        assertThat(json(report.totals("venue-1", LocalDate.parse("2033-05-10"), la))).isEqualTo(ContractJson.read("""
                {"venueId":"venue-1","date":"2033-05-10","timeZone":"America/Los_Angeles","paymentCount":2,
                 "refundCount":1,"orderCount":1,"currencies":[{"currency":"USD","paymentCount":2,"refundCount":1,
                 "orderCount":1,"grossSales":"50.00","refunds":"15.00","netSales":"35.00","tips":"4.00",
                 "totalCollected":"39.00","byMethod":[
                  {"method":"card","paymentCount":1,"refundCount":1,"grossSales":"40.00","refunds":"15.00",
                   "netSales":"25.00","tips":"4.00","totalCollected":"29.00"},
                  {"method":"cash","paymentCount":1,"refundCount":0,"grossSales":"10.00","refunds":"0.00",
                   "netSales":"10.00","tips":"0.00","totalCollected":"10.00"}]}]}"""));
        // The next local day has only the cash refund: negative net sales, no payment.
        assertThat(json(report.totals("venue-1", LocalDate.parse("2033-05-11"), la))).isEqualTo(ContractJson.read("""
                {"venueId":"venue-1","date":"2033-05-11","timeZone":"America/Los_Angeles","paymentCount":0,
                 "refundCount":1,"orderCount":0,"currencies":[{"currency":"USD","paymentCount":0,"refundCount":1,
                 "orderCount":0,"grossSales":"0.00","refunds":"10.00","netSales":"-10.00","tips":"0.00",
                 "totalCollected":"-10.00","byMethod":[
                  {"method":"cash","paymentCount":0,"refundCount":1,"grossSales":"0.00","refunds":"10.00",
                   "netSales":"-10.00","tips":"0.00","totalCollected":"-10.00"}]}]}"""));
        // In UTC both refunds are on the 11th, over HTTP.
        JsonNode utc = api.get("/api/reports/daily-totals?date=2033-05-11").body();
        assertThat(utc.get("refundCount").asLong()).isEqualTo(2);
        assertThat(utc.get("currencies").get(0).get("refunds").asText()).isEqualTo("25.00");
        assertThat(utc.get("currencies").get(0).get("totalCollected").asText()).isEqualTo("-25.00");
    }

    private static JsonNode json(DailyTotals totals) throws Exception {
        return ContractJson.read(ContractJson.mapper().writeValueAsString(totals));
    }

    private void refund(String at, String orderId, String paymentId, String body) {
        clock.pin(Instant.parse(at));
        Reply refunded = api.refund(orderId, paymentId, body);
        clock.release();
        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(201);
    }

    private Reply pay(String at, String total, String lines) {
        String orderId = api.createOrder(total);
        clock.pin(Instant.parse(at));
        Reply paid = api.post("/api/orders/" + orderId + "/pay", "{\"payments\":[" + lines + "]}");
        clock.release();
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return paid;
    }
}
