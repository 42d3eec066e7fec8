package com.ordercontrol.pos.orders;

import com.ordercontrol.pos.money.Amounts;

/** A payment as the API shows it: {@code {"paymentId","method","amount","tip","paidAt"}}, amounts as strings. */
public record PaymentView(String paymentId, String method, String amount, String tip, String paidAt) {

    public static PaymentView of(Payment payment, String currency) {
        return new PaymentView(payment.paymentId().toString(), payment.method(),
                Amounts.atCurrencyScale(payment.amount(), currency).toPlainString(),
                Amounts.atCurrencyScale(payment.tip(), currency).toPlainString(), payment.paidAt().toString());
    }
}
