package com.ordercontrol.ingest.http;

import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessException;

/**
 * What a 503 says is unavailable, with the {@code Retry-After} the sender should honour. A busy pool (every
 * connection in use, the database healthy) is not an unavailable database: it clears in a moment.
 *
 * @param name              the {@code unavailable} field of the answer and the counter suffix
 * @param retryAfterSeconds the {@code Retry-After} header
 */
enum Unavailable {
    DATABASE("database", 5, "the cloud database is unavailable now; retry later"),
    BUSY("busy", 1, "the service is busy (all its database connections are in use); retry shortly"),
    KAFKA("kafka", 5, "the event stream (Kafka) cannot store events now; retry later"),
    STREAM_BUSY("busy", 1, "the service is busy (too many events wait for the event stream's acknowledgement); "
            + "nothing of this request was stored; retry shortly");

    final String name;
    final int retryAfterSeconds;
    final String message;

    Unavailable(String name, int retryAfterSeconds, String message) {
        this.name = name;
        this.retryAfterSeconds = retryAfterSeconds;
        this.message = message;
    }

    /**
     * Busy when the pool timed out waiting for a free connection without any failure to connect (Hikari
     * attaches the last connection failure as the cause when the database cannot be reached).
     */
    static Unavailable of(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) {
                return BUSY;
            }
        }
        return DATABASE;
    }
}
