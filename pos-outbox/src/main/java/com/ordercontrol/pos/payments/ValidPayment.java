package com.ordercontrol.pos.payments;

import com.ordercontrol.pos.money.Amounts;
import com.ordercontrol.pos.web.InvalidInputException;
import com.ordercontrol.pos.web.UnprocessableException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A payment line that passed every rule, amounts at the order's currency scale. {@link #validate} is
 * the whole rule set of a pay request, so the pay flow writes only what passed it.
 */
record ValidPayment(String method, BigDecimal amount, BigDecimal tip) {

    /** The contract's method rule, so the cloud never refuses a method the POS accepted. */
    private static final Pattern METHOD = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    /** More lines than any real table splits a bill into; bounds the work of one request. */
    static final int MAX_PAYMENTS = 100;

    /**
     * Checks a request against the order's currency and total.
     *
     * @throws InvalidInputException  a field is missing or malformed (400), naming the field
     * @throws UnprocessableException the amounts do not sum to the total (422)
     */
    static List<ValidPayment> validate(PayRequest request, Currency currency, BigDecimal orderTotal) {
        List<ValidPayment> lines = validateFields(request, currency);
        BigDecimal sum = lines.stream().map(ValidPayment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(orderTotal) != 0) {
            throw new UnprocessableException("payment amounts sum to " + sum.toPlainString() + " "
                    + currency.getCurrencyCode() + " but the order total is "
                    + orderTotal.setScale(currency.getDefaultFractionDigits()).toPlainString()
                    + "; tips go in \"tip\", not in \"amount\"");
        }
        return lines;
    }

    private static List<ValidPayment> validateFields(PayRequest request, Currency currency) {
        if (request == null) {
            throw new InvalidInputException("request body is required: {\"payments\":[{\"method\":\"card\",\"amount\":\"12.99\"}]}");
        }
        List<PayRequest.Line> payments = request.payments();
        if (payments == null || payments.isEmpty()) {
            throw new InvalidInputException("payments is required and must be a non-empty list");
        }
        if (payments.size() > MAX_PAYMENTS) {
            throw new InvalidInputException("payments has " + payments.size() + " lines; at most " + MAX_PAYMENTS);
        }
        List<ValidPayment> lines = new ArrayList<>(payments.size());
        for (int i = 0; i < payments.size(); i++) {
            lines.add(validateLine(payments.get(i), "payments[" + i + "]", currency));
        }
        return lines;
    }

    private static ValidPayment validateLine(PayRequest.Line line, String path, Currency currency) {
        if (line == null) {
            throw new InvalidInputException(path + " must be an object with method, amount and tip");
        }
        if (line.method() == null || !METHOD.matcher(line.method()).matches()) {
            throw new InvalidInputException(path + ".method is required and must be a lower-case word such as "
                    + "\"card\" or \"cash\" (a-z, 0-9, _; at most 32)");
        }
        BigDecimal amount = Amounts.positive(path + ".amount", line.amount(), currency);
        BigDecimal tip = line.tip() == null
                ? BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits())
                : Amounts.nonNegative(path + ".tip", line.tip(), currency);
        return new ValidPayment(line.method(), amount, tip);
    }
}
