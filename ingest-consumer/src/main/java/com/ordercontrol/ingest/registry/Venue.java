package com.ordercontrol.ingest.registry;

import java.time.ZoneId;

/**
 * A venue: its business day is counted in {@code zone}.
 *
 * @param zone IANA time zone, UTC unless set
 */
public record Venue(String venueId, String name, ZoneId zone) {
}
