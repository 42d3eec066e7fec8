package com.ordercontrol.ingest.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.ingest.monitoring.IngestCounters;
import com.ordercontrol.ingest.reports.ReportTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/health/venues} behind the finance/report bearer token: every venue of the token's scope
 * with its nodes' last health reports and the silent flags ({@link VenueHealth}), read in one query on the
 * report pool. 401 (with {@code WWW-Authenticate: Bearer}) without a valid token, as for the report.
 */
@RestController
class VenueHealthController {

    private final ReportTokens tokens;
    private final NodeHealthTable table;
    private final HealthSettings settings;
    private final IngestCounters counters;
    private final Clock clock;

    VenueHealthController(ReportTokens tokens, @Qualifier("reportsDataSource") DataSource reports,
            HealthSettings settings, IngestCounters counters, Clock clock) {
        this.tokens = tokens;
        this.table = new NodeHealthTable(new JdbcTemplate(reports));
        this.settings = settings;
        this.counters = counters;
        this.clock = clock;
    }

    @GetMapping("/api/health/venues")
    ResponseEntity<byte[]> venues(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth)
            throws JsonProcessingException {
        Optional<Set<String>> scope = tokens.scopeOfBearer(auth);
        if (scope.isEmpty()) {
            counters.increment("health.refused.401.unauthorized");
            String json = "{\"status\":401,\"error\":\"missing, unknown or revoked bearer token\"}";
            return ResponseEntity.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .contentType(MediaType.APPLICATION_JSON).body(json.getBytes(StandardCharsets.UTF_8));
        }
        VenueHealth health = VenueHealth.of(table.rows(scope.get()), settings.silentAfter(), clock.instant());
        counters.increment("health.served");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(ContractJson.mapper().writeValueAsBytes(health));
    }
}
