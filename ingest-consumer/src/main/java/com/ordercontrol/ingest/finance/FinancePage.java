package com.ordercontrol.ingest.finance;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the finance page at {@code /finance}: static files under {@code static/finance/} (one HTML,
 * one script, one style sheet; no build step, nothing loaded from another origin). The page calls
 * {@code /api/finance/venues}, {@code /api/reports/daily-totals} and {@code /api/health/venues} with
 * the finance token the user signs in with.
 */
@Configuration
class FinancePage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/finance").setViewName("forward:/finance/index.html");
        registry.addViewController("/finance/").setViewName("forward:/finance/index.html");
    }
}
