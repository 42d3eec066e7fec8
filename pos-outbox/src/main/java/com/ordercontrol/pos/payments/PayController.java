package com.ordercontrol.pos.payments;

import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders/{orderId}/pay}. */
@RestController
class PayController {

    private final PayService payService;

    PayController(PayService payService) {
        this.payService = payService;
    }

    @PostMapping("/api/orders/{orderId}/pay")
    PayResponse pay(@PathVariable UUID orderId, @RequestBody(required = false) PayRequest request) {
        return payService.pay(orderId, request);
    }
}
