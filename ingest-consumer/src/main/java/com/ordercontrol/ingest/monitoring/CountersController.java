package com.ordercontrol.ingest.monitoring;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of {@link IngestCounters}; holds no secrets, only counts. */
@RestController
class CountersController {

    private final IngestCounters counters;

    CountersController(IngestCounters counters) {
        this.counters = counters;
    }

    @GetMapping("/api/ops/counters")
    Map<String, Long> counters() {
        return counters.snapshot();
    }
}
