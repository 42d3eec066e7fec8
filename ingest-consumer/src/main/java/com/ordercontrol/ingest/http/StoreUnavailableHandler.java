package com.ordercontrol.ingest.http;

import com.ordercontrol.ingest.monitoring.IngestCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The registry (and the report) read the cloud database; while it is unreachable the service answers
 * 503 with Retry-After, which the relay retries, instead of a 500 that says nothing.
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
        counters.increment("ingest.unavailable.503.database");
        log.warn("cloud database unavailable, answering 503: {}", e.getMostSpecificCause().getMessage());
        return ErrorBody.response(503, "the cloud database is unavailable now; retry later", true);
    }
}
