package com.ordercontrol.pos.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.pos.support.PosApi.Reply;
import com.ordercontrol.pos.support.PosIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Creating and reading orders over real HTTP. */
class OrderApiIT extends PosIntegrationTest {

    @Test
    void createsAnOpenOrderInTheVenuesCurrency() {
        Reply reply = api.post("/api/orders", "{\"total\":12.99}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().properties()).extracting(Map.Entry::getKey)
                .containsExactly("orderId", "orderNumber", "venueId", "currency", "total", "status");
        assertThat(reply.text("venueId")).isEqualTo("venue-1");
        assertThat(reply.text("currency")).isEqualTo("USD");
        assertThat(reply.text("total")).isEqualTo("12.99");
        assertThat(reply.text("status")).isEqualTo("open");
        assertThat(reply.body().get("orderNumber").asLong()).isGreaterThanOrEqualTo(1001);

        Reply read = api.get("/api/orders/" + reply.text("orderId"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("total")).isEqualTo("12.99");
        assertThat(read.body().get("payments")).isEmpty();
        assertThat(read.body().has("paidAt")).isFalse();
    }

    @Test
    void takesAnExplicitCurrencyAtItsOwnScale() {
        Reply yen = api.post("/api/orders", "{\"total\":\"1500\",\"currency\":\"JPY\"}");

        assertThat(yen.status()).isEqualTo(201);
        assertThat(yen.text("currency")).isEqualTo("JPY");
        assertThat(yen.text("total")).isEqualTo("1500");
        assertThat(api.post("/api/orders", "{\"total\":\"15.5\",\"currency\":\"JPY\"}").text("message"))
                .isEqualTo("total has more decimal places than the 0 JPY allows: 15.5");
    }

    @Test
    void badInputIs400AndCreatesNothing() {
        long before = orders();
        Map<String, String> cases = Map.ofEntries(
                Map.entry("", "request body is required"),
                Map.entry("{}", "total is required"),
                Map.entry("{\"total\":\"0.00\"}", "total must be greater than zero"),
                Map.entry("{\"total\":\"12.999\"}", "total has more decimal places than the 2 USD allows"),
                Map.entry("{\"total\":\"1e13\"}", "total is too large"),
                // issue 10: out-of-range numbers are a 400 naming the field, never a 500
                Map.entry("{\"total\":1e2147483647}", "total is too large"),
                Map.entry("{\"total\":1e-2147483647}", "total has more decimal places than the 2 USD allows"),
                Map.entry("{\"total\":-1e2147483647}", "total is too large"),
                Map.entry("{\"total\":1" + "0".repeat(60) + "}", "total is too large"),
                Map.entry("{\"total\":\"1000000000000\"}", "total is too large"),
                // issue 10: a key twice is refused, never "last wins"
                Map.entry("{\"total\":\"1.00\",\"total\":\"900.00\"}", "an object repeats a key"),
                Map.entry("{\"total\":\"abc\"}", "total must be a decimal number"),
                Map.entry("{\"total\":\"1.00\",\"currency\":\"usd\"}", "currency must be a 3-letter upper-case ISO-4217 code"),
                Map.entry("{\"total\":\"1.00\",\"currency\":\"BHD\"}", "currency BHD has 3 decimal places"),
                Map.entry("{\"total\":\"1.00\",\"currency\":\"XYZ\"}", "currency XYZ is not an ISO-4217 currency"),
                Map.entry("[1,2]", "request body must be a JSON object"),
                Map.entry("{\"total\":", "not valid JSON"));
        cases.forEach((body, message) -> {
            Reply reply = api.post("/api/orders", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.text("error")).as(body).isEqualTo("bad_request");
            assertThat(reply.text("message")).as(body).contains(message);
        });
        assertThat(orders()).isEqualTo(before);
    }

    @Test
    void unknownPathsAndMethodsKeepTheErrorShape() {
        Reply missing = api.get("/api/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("error")).isEqualTo("not_found");
        Reply badId = api.get("/api/orders/42");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.text("message")).isEqualTo("orderId must be a UUID but was '42'");
    }

    private long orders() {
        return jdbc.sql("select count(*) from orders").query(Long.class).single();
    }
}
