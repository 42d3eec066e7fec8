package com.ordercontrol.ingest.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventSchemas;
import com.ordercontrol.ingest.support.Events;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the facts consumer accepts conforms to the JSON Schemas, and a schema failure's reason is the validator's. */
class ParsedRecordTest {

    private static final String AT = "2026-11-24T12:00:00.000Z";

    private static ParsedRecord parse(String body) {
        return ParsedRecord.parse(new StreamRecord("t", 0, 0, Events.bytes(body)));
    }

    private static String order(String total, String payment) {
        return Events.orderPaid("e1", "v", "ord-1", 1, total, payment);
    }

    @Test
    void whatItAcceptsConformsToTheSchema() throws IOException {
        for (String body : new String[] {
                Events.simple("v", "12.99", "2.00"),
                order("12.99", Events.payment("p1", "card", "12.99", "0", AT)),
                order("\"30.00\"", Events.payment("p1", "card", "20.00", "1.50", AT) + ","
                        + Events.payment("p2", "gift_card", "10.00", "0.00", AT))}) {
            ParsedRecord parsed = parse(body);
            assertThat(parsed.rejection()).as(body).isNull();
            assertThat(EventSchemas.shared().violations(ContractJson.read(body))).as(body).isEmpty();
        }
    }

    @Test
    void aNonConformingPayloadIsRefusedWithTheValidatorsMessage() throws IOException {
        String body = order("\"12.99\"", Events.payment("p1", "Card", "12.99", "0", AT));
        assertThat(parse(body).rejection()).isEqualTo("invalid order_paid: "
                + EventSchemas.shared().violation(ContractJson.read(body)))
                .isEqualTo("invalid order_paid: /payload/payments/0/method: must be a lower-case word of at most 32 "
                        + "characters (a-z, 0-9, _)");
    }

    @Test
    void theJavaParserKeepsTheRulesASchemaCannotState() {
        String body = order("\"13.00\"", Events.payment("p1", "card", "12.99", "0", AT));
        assertThat(parse(body).rejection()).isEqualTo("invalid order_paid: payment amounts sum to 12.99 but total is 13.00");
    }

    @Test
    void anOrderRefundedIsCheckedAgainstItsSchemaToo() {
        String body = "{\"eventId\":\"r1\",\"eventType\":\"order_refunded\",\"venueId\":\"v\",\"occurredAt\":\"" + AT
                + "\",\"payload\":{\"refundId\":\"ref-1\",\"orderId\":\"ord-1\",\"orderNumber\":1,\"paymentId\":\"p1\","
                + "\"method\":\"card\",\"currency\":\"EUR\",\"amount\":\"0.00\",\"reason\":\"x\",\"refundedAt\":\"" + AT + "\"}}";
        assertThat(parse(body).rejection()).isEqualTo("invalid order_refunded: /payload/amount: must be greater than zero");
    }

    @Test
    void anUnknownTypeIsStillUnsupported() {
        String body = Events.simple("v", "1.00", "0").replace("\"order_paid\"", "\"order_teleported\"");
        assertThat(parse(body).rejection()).isEqualTo("unsupported eventType order_teleported");
    }
}
