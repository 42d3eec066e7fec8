package com.ordercontrol.pos.refunds;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders/{orderId}/payments/{paymentId}/refunds}: a full or partial refund of one payment. */
@RestController
class RefundController {

    private final RefundService refunds;

    RefundController(RefundService refunds) {
        this.refunds = refunds;
    }

    @PostMapping("/api/orders/{orderId}/payments/{paymentId}/refunds")
    @ResponseStatus(HttpStatus.CREATED)
    RefundResponse refund(@PathVariable UUID orderId, @PathVariable UUID paymentId,
                          @RequestBody(required = false) RefundRequest request) {
        return refunds.refund(orderId, paymentId, request);
    }
}
