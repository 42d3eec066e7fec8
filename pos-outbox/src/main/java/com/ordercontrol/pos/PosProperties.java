package com.ordercontrol.pos;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.regex.Pattern;
import com.ordercontrol.pos.money.Amounts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reference POS, validated at start-up with the property's name in the error.
 *
 * @param venueId  {@code pos.venue-id}: the venue this POS belongs to; written on every order and event
 *                 (default {@code venue-1}, the local stack's registered venue)
 * @param currency {@code pos.currency}: ISO-4217 code of orders created without one (default {@code USD});
 *                 at most 2 decimal places, as the money columns are {@code numeric(14,2)}
 * @param timeZone {@code pos.time-zone}: the zone whose calendar day is the business day of the daily
 *                 totals (default {@code UTC})
 */
@ConfigurationProperties("pos")
public record PosProperties(@DefaultValue("venue-1") String venueId,
                            @DefaultValue("USD") String currency,
                            @DefaultValue("UTC") String timeZone) {

    private static final Pattern VENUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public PosProperties {
        if (venueId == null || !VENUE_ID.matcher(venueId).matches()) {
            throw new IllegalArgumentException("pos.venue-id must be 1-128 letters, digits or ._:- but was '" + venueId + "'");
        }
        currency = Amounts.currency("pos.currency", currency).getCurrencyCode();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("pos.time-zone must be a zone id such as UTC or America/New_York but was '"
                    + timeZone + "'");
        }
    }

    /** {@link #timeZone()} as a zone. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** {@link #currency()} as a currency. */
    public Currency defaultCurrency() {
        return Currency.getInstance(currency);
    }
}
