package com.ordercontrol.pos.reports;

import com.ordercontrol.contract.ContractLimits;
import com.ordercontrol.pos.PosProperties;
import com.ordercontrol.pos.web.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/reports/daily-totals?date=YYYY-MM-DD}: this venue's totals in {@code pos.time-zone}. */
@RestController
class ReportController {

    private final DailyTotalsReport report;
    private final PosProperties settings;

    ReportController(DailyTotalsReport report, PosProperties settings) {
        this.report = report;
        this.settings = settings;
    }

    @GetMapping("/api/reports/daily-totals")
    DailyTotals dailyTotals(@RequestParam(required = false) String date) {
        return report.totals(settings.venueId(), parse(date), settings.zone());
    }

    private static LocalDate parse(String date) {
        if (date == null || date.isBlank()) {
            throw new InvalidInputException("date is required, as YYYY-MM-DD");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date must be a calendar date as YYYY-MM-DD but was '"
                    + ContractLimits.printable(date, 40) + "'");
        }
        if (!ContractLimits.reportable(day)) {
            throw new InvalidInputException("date must be from " + ContractLimits.FIRST_DAY + " to "
                    + ContractLimits.LAST_DAY + " but was " + day);
        }
        return day;
    }
}
