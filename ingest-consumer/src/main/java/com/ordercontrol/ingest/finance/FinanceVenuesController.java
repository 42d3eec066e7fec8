package com.ordercontrol.ingest.finance;

import com.ordercontrol.ingest.monitoring.IngestCounters;
import com.ordercontrol.ingest.registry.NodeRegistry;
import com.ordercontrol.ingest.reports.ReportTokens;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/finance/venues}: the venues a finance token may read, with their names and zones, so
 * the finance page offers only those. Same bearer rules as the report: 401 with
 * {@code WWW-Authenticate: Bearer} for a missing, unknown or revoked token. A venue id in the token's
 * scope that is not registered is left out (the report would answer 404 for it).
 */
@RestController
class FinanceVenuesController {

    /** One venue the token may read; {@code zone} is the IANA zone of its business day. */
    record FinanceVenue(String venueId, String name, String zone) {
    }

    record FinanceVenues(List<FinanceVenue> venues) {

        FinanceVenues {
            venues = List.copyOf(venues);
        }
    }

    private final ReportTokens tokens;
    private final NodeRegistry registry;
    private final IngestCounters counters;

    FinanceVenuesController(ReportTokens tokens, NodeRegistry registry, IngestCounters counters) {
        this.tokens = tokens;
        this.registry = registry;
        this.counters = counters;
    }

    @GetMapping("/api/finance/venues")
    ResponseEntity<?> venues(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        Optional<Set<String>> scope = tokens.scopeOfBearer(auth);
        if (scope.isEmpty()) {
            counters.increment("reports.refused.401.unauthorized");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                            "missing, unknown or revoked bearer token"));
        }
        List<FinanceVenue> venues = registry.venues(scope.get()).stream()
                .map(v -> new FinanceVenue(v.venueId(), v.name(), v.zone().getId())).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new FinanceVenues(venues));
    }
}
