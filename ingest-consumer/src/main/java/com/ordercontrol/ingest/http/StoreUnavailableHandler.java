package com.ordercontrol.ingest.http;

import com.ordercontrol.ingest.monitoring.IngestCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The registry (and the report) read the cloud database; while it is unreachable, or every connection of
 * the pool is in use, the service answers 503 naming which ({@code database} or {@code busy}) with its
 * Retry-After, which the relay honours, instead of a 500 that says nothing.
 */
@RestControllerAdvice
class StoreUnavailableHandler {

    private static final Logger log = LoggerFactory.getLogger(StoreUnavailableHandler.class);

    private final IngestCounters counters;

    StoreUnavailableHandler(IngestCounters counters) {
        this.counters = counters;
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<byte[]> databaseUnavailable(DataAccessException e) {
        Unavailable what = Unavailable.of(e);
        counters.increment("ingest.unavailable.503");
        counters.increment("ingest.unavailable.503." + what.name);
        log.warn("answering 503 ({}): {}", what.name, e.getMostSpecificCause().getMessage());
        return ErrorBody.unavailable(what, what.message);
    }
}
