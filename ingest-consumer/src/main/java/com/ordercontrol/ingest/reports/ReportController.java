package com.ordercontrol.ingest.reports;

import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.ContractLimits;
import com.ordercontrol.ingest.monitoring.IngestCounters;
import com.ordercontrol.ingest.registry.NodeRegistry;
import com.ordercontrol.ingest.registry.Venue;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/daily-totals?venueId=X&date=YYYY-MM-DD} (or {@code from=..&to=..}) behind a
 * bearer token scoped to venues: 401 without a valid token, 403 for a venue outside its scope, 400 for
 * bad parameters (dates outside 2000-01-01..2099-12-31 included), 404 for an unknown venue. {@code Accept: text/csv} gives CSV.
 */
@RestController
class ReportController {

    static final int MAX_RANGE_DAYS = 366;
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final ReportTokens tokens;
    private final NodeRegistry registry;
    private final DailyTotalsReport report;
    private final IngestCounters counters;

    /** The report's queries run on their own pool ({@code reportsDataSource}), so they never starve ingest. */
    ReportController(ReportTokens tokens, NodeRegistry registry, @Qualifier("reportsDataSource") DataSource reports,
            IngestCounters counters) {
        this.tokens = tokens;
        this.registry = registry;
        this.report = new DailyTotalsReport(new JdbcTemplate(reports));
        this.counters = counters;
    }

    @GetMapping("/api/reports/daily-totals")
    ResponseEntity<byte[]> dailyTotals(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestParam(required = false) String venueId, @RequestParam(required = false) String date,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Optional<Set<String>> scope = tokens.scopeOfBearer(auth);
        if (scope.isEmpty()) {
            ResponseEntity<byte[]> refused = error(401, "missing, unknown or revoked bearer token", "unauthorized");
            return ResponseEntity.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .contentType(MediaType.APPLICATION_JSON).body(refused.getBody());
        }
        if (venueId == null || venueId.isBlank()) {
            return error(400, "venueId is required", "bad_request");
        }
        if (!scope.get().contains(venueId)) {
            return error(403, "this token may not read venue " + venueId, "forbidden_venue");
        }
        LocalDate first;
        LocalDate last;
        try {
            if (date != null && from == null && to == null) {
                first = LocalDate.parse(date);
                last = first;
            } else if (date == null && from != null && to != null) {
                first = LocalDate.parse(from);
                last = LocalDate.parse(to);
            } else {
                return error(400, "give either date, or both from and to (YYYY-MM-DD)", "bad_request");
            }
        } catch (DateTimeParseException e) {
            return error(400, "dates must be YYYY-MM-DD", "bad_request");
        }
        if (!ContractLimits.reportable(first) || !ContractLimits.reportable(last)) {
            return error(400, "dates must be from " + ContractLimits.FIRST_DAY + " to " + ContractLimits.LAST_DAY,
                    "bad_request");
        }
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_RANGE_DAYS) {
            return error(400, "to must not be before from, and the range at most " + MAX_RANGE_DAYS + " days",
                    "bad_request");
        }
        Optional<Venue> venue = registry.venue(venueId);
        if (venue.isEmpty()) {
            return error(404, "unknown venue " + venueId, "unknown_venue");
        }
        DailyTotals totals = report.totals(venueId, first, last, venue.get().zone());
        counters.increment("reports.served");
        if (accept != null && accept.contains("text/csv")) {
            return ResponseEntity.ok().contentType(CSV)
                    .body(DailyTotalsFormat.csv(totals).getBytes(StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DailyTotalsFormat.json(totals));
    }

    private ResponseEntity<byte[]> error(int status, String message, String reason) {
        counters.increment("reports.refused." + status + "." + reason);
        String json = "{\"status\":" + status + ",\"error\":"
                + ContractJson.mapper().getNodeFactory().textNode(message) + "}";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(json.getBytes(StandardCharsets.UTF_8));
    }
}
