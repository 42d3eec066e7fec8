package com.ordercontrol.ingest.finance;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the finance page at {@code /finance}: static files under {@code static/finance/} (one HTML,
 * one script, one style sheet; no build step, nothing loaded from another origin). The page calls
 * {@code /api/finance/venues}, {@code /api/reports/daily-totals} and {@code /api/health/venues} with
 * the finance token the user signs in with. See docs/finance-page.md.
 */
@Configuration
class FinancePage implements WebMvcConfigurer {

    /**
     * Only this origin's script, style and API; no inline script or style (the page has none), no
     * framing (clickjacking), no form posts anywhere. The page handles a bearer token, so it is strict.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/finance").setViewName("forward:/finance/index.html");
        registry.addViewController("/finance/").setViewName("forward:/finance/index.html");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "no-referrer");
                // Revalidate on every load, so a deployment's new script is never mixed with an old page.
                response.setHeader("Cache-Control", "no-cache");
                return true;
            }
        }).addPathPatterns("/finance", "/finance/", "/finance/**");
    }
}
