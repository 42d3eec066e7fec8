package com.ordercontrol.ingest.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.FactTables;
import com.ordercontrol.ingest.support.HeadlessChromium;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, the finance page: the real ingest service (PostgreSQL, Kafka, the signed ingest path) and
 * the page in a real headless Chromium. The figures the page shows must be the report endpoint's, to
 * the character. With {@code -Dfinance.screenshot=<png>} the filled-in page is saved there (that is how
 * {@code docs/finance-page.png} is made).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FinancePageIT extends RunningIngest {

    static final String TOKEN = "finance-page-token-0001";
    static final String NARROWED = "finance-page-narrowed-0001";
    static final String VENUE = "venue-paris";
    static final LocalDate DAY = LocalDate.parse("2026-11-24");
    static final List<String> FIELDS =
            List.of("paymentCount", "refundCount", "grossSales", "refunds", "netSales", "tips", "totalCollected");

    private static ChromeDriver browser;
    private static Path downloads;
    private static boolean seeded;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "finance_it");
    }

    IngestClient client;

    @BeforeEach
    void registerAndSeed() {
        registry.addVenue(VENUE, "Café du Marché", ZoneId.of("Europe/Paris"));
        registry.addVenue("venue-lyon", "Bouchon Lyonnais", ZoneId.of("Europe/Paris"));
        registry.addVenue("venue-elsewhere", "Not this token's", ZoneId.of("UTC"));
        registry.addLegacyNode("node-paris", VENUE, "secret-of-paris");
        tokens.register(TOKEN, "finance page", Set.of(VENUE, "venue-lyon", "venue-not-registered"));
        tokens.register(NARROWED, "finance page narrowed", Set.of(VENUE, "venue-lyon"));
        client = new IngestClient(port);
        if (!seeded) {
            seedPayments();
            seeded = true;
        }
    }

    /** 30 days of euro sales in Paris (some days without any), and a mixed-currency picked day. */
    private void seedPayments() {
        for (int i = 0; i < 30; i++) {
            if (i % 4 == 3) {
                continue;
            }
            LocalDate day = DAY.minusDays(i);
            String amount = (40 + (i * 13) % 60) + ".50";
            send(eur(Events.orderPaid("evt-day-" + i, VENUE, "ord-day-" + i, 100 + i, "\"" + amount + "\"",
                    Events.payment("pay-day-" + i, "card", amount, "2.00", day + "T11:30:00Z"))));
        }
        send(eur(Events.orderPaid("evt-split", VENUE, "ord-split", 200, "\"30.00\"",
                Events.payment("pay-split-card", "card", "18.20", "1.80", DAY + "T19:00:00Z"),
                Events.payment("pay-split-cash", "cash", "11.80", "0.00", DAY + "T19:01:00Z"))));
        // 23:30 in Paris is 22:30 UTC: still the picked business day.
        send(eur(Events.orderPaid("evt-late", VENUE, "ord-late", 201, "\"7.25\"",
                Events.payment("pay-late", "cash", "7.25", "0.50", DAY + "T23:30:00+01:00"))));
        // A partial refund of the split order's card payment, on the picked day: net sales below gross.
        send(eur(Events.orderRefunded("evt-refund", VENUE, "ref-split-card", "pay-split-card", "card", "\"5.00\"",
                DAY + "T20:15:00Z")));
        String last = send(Events.orderPaid("evt-usd", VENUE, "ord-usd", 202, "\"12.00\"",
                Events.payment("pay-usd", "card", "12.00", "3.00", DAY + "T13:00:00Z")));
        new FactTables(jdbc, CloudServers.kafka().bootstrapServers(), topic).awaitEvent(Events.eventIdOf(last));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from payment_facts where venue_id = ?", Integer.class, VENUE) == 27);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from refund_facts where venue_id = ?", Integer.class, VENUE) == 1);
    }

    /** The venue's relay reports its health (queue 3, oldest pending 1.4 s, slot lag 20 KiB); returns when it was sent. */
    private Instant reportHealth() {
        Instant sent = Instant.now();
        String report = "{\"reportedAt\":\"" + sent + "\",\"relayVersion\":\"0.1.0-SNAPSHOT\",\"queueDepth\":3,"
                + "\"oldestPendingAgeSeconds\":1.4,\"backPressure\":false,\"slotLagBytes\":20480,\"clockSkewMillis\":-12,"
                + "\"parked\":0}";
        assertThat(client.post("/api/nodes/node-paris/health", report, Map.of("X-Server-Node-Id", "node-paris",
                "X-Request-Signature", IngestClient.seedSignature("secret-of-paris", Events.bytes(report))))
                .statusCode()).isEqualTo(202);
        return sent;
    }

    /** The same envelope in euros (the test support writes USD). */
    private static String eur(String envelope) {
        return envelope.replace("\"currency\":\"USD\"", "\"currency\":\"EUR\"");
    }

    private String send(String body) {
        assertThat(client.postSigned("node-paris", "secret-of-paris", body).statusCode()).isEqualTo(202);
        return body;
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private ChromeDriver browser() throws IOException {
        HeadlessChromium.assumeInstalled();
        if (browser == null) {
            downloads = Files.createTempDirectory("finance-downloads");
            browser = HeadlessChromium.start(downloads);
        }
        browser.get("http://127.0.0.1:" + port + "/finance");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        return browser;
    }

    private HttpResponse<String> get(String pathAndQuery, String token, String accept) {
        return client.get(pathAndQuery, Map.of("Authorization", "Bearer " + token, "Accept", accept));
    }

    private JsonNode report(LocalDate day) throws IOException {
        HttpResponse<String> answer =
                get("/api/reports/daily-totals?venueId=" + VENUE + "&date=" + day, TOKEN, "application/json");
        assertThat(answer.statusCode()).isEqualTo(200);
        return ContractJson.read(answer.body());
    }

    @Test
    void venuesListIsTheTokensRegisteredVenuesAndNeedsAValidToken() {
        HttpResponse<String> venues = get("/api/finance/venues", TOKEN, "application/json");
        assertThat(venues.statusCode()).isEqualTo(200);
        assertThat(venues.body()).isEqualTo("{\"venues\":["
                + "{\"venueId\":\"venue-lyon\",\"name\":\"Bouchon Lyonnais\",\"zone\":\"Europe/Paris\"},"
                + "{\"venueId\":\"venue-paris\",\"name\":\"Café du Marché\",\"zone\":\"Europe/Paris\"}]}");
        assertThat(venues.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> unknown = get("/api/finance/venues", "no-such-finance-token", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(unknown.body()).contains("missing, unknown or revoked bearer token").doesNotContain("venue-");
        assertThat(client.get("/api/finance/venues", Map.of()).statusCode()).isEqualTo(401);
        String revocable = tokens.issue("finance page revoked", Set.of(VENUE));
        assertThat(get("/api/finance/venues", revocable, "application/json").statusCode()).isEqualTo(200);
        tokens.revoke("finance page revoked");
        assertThat(get("/api/finance/venues", revocable, "application/json").statusCode()).isEqualTo(401);

        HttpResponse<String> page = client.get("/finance", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"/finance/finance.js\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
        assertThat(client.get("/finance/finance.js", Map.of()).statusCode()).isEqualTo(200);
        assertThat(client.get("/finance/finance.css", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void pageShowsTheReportsFiguresTheChartTheCsvAndNodeHealth() throws IOException {
        ChromeDriver page = browser();
        Instant healthSent = reportHealth();
        signIn(page, TOKEN);
        assertThat(new Select(page.findElement(By.id("venue"))).getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactly("venue-lyon", VENUE);
        new Select(page.findElement(By.id("venue"))).selectByValue(VENUE);
        setDate(page, "date", DAY);
        page.findElement(By.id("show")).click();
        waitFor(page, () -> page.findElements(By.cssSelector("#chart rect.bar")).size() == 30
                && page.findElements(By.cssSelector("#health table, #health-unavailable")).size() == 1);
        assertThat(page.findElements(By.id("health-unavailable"))).extracting(WebElement::getText).isEmpty();

        // Every figure of the report, as the report writes it, and nothing else.
        JsonNode totals = report(DAY);
        assertThat(totals.path("currencies")).hasSize(2);
        int figures = 0;
        for (JsonNode currency : totals.path("currencies")) {
            List<JsonNode> rows = new ArrayList<>();
            currency.path("byMethod").forEach(rows::add);
            for (JsonNode row : rows) {
                figures += assertRow(page, currency.path("currency").asText(), row.path("method").asText(), row);
            }
            figures += assertRow(page, currency.path("currency").asText(), "TOTAL", currency);
        }
        assertThat(figures).isGreaterThanOrEqualTo(5 * 4);
        assertThat(page.findElements(By.cssSelector("#totals td[data-field]"))).hasSize(figures);
        assertThat(cell(page, "EUR", "TOTAL", "grossSales")).isEqualTo(totals.path("currencies").get(0).path("grossSales").asText());
        assertThat(page.findElement(By.id("totals-summary")).getText()).contains("Europe/Paris")
                .contains(totals.path("paymentCount").asText() + " payments");

        // The chart: 30 bars ending at the picked day, each the report's net (or gross) sales of that day.
        List<WebElement> bars = page.findElements(By.cssSelector("#chart rect.bar"));
        assertThat(bars.get(29).getAttribute("data-date")).isEqualTo(DAY.toString());
        assertThat(bars.get(29).getAttribute("class")).contains("picked");
        for (int i = 0; i < 30; i++) {
            LocalDate day = DAY.minusDays(29 - i);
            assertThat(bars.get(i).getAttribute("data-date")).isEqualTo(day.toString());
            assertThat(bars.get(i).getAttribute("data-value")).as(day.toString()).isEqualTo(netSales(report(day), "EUR"));
        }

        // Node health: the seeded report, as the health endpoint answers it, in the panel's rows.
        assertHealthPanel(page, healthSent);

        Path screenshot = screenshotTarget();
        if (screenshot != null) {
            Files.createDirectories(screenshot.toAbsolutePath().getParent());
            Files.copy(page.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        }

        // The CSV download is the report's own CSV, byte for byte.
        page.findElement(By.id("download-csv")).click();
        Path csv = downloads.resolve("daily-totals-" + VENUE + "-" + DAY + ".csv");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
        assertThat(Files.readString(csv)).isEqualTo(
                get("/api/reports/daily-totals?venueId=" + VENUE + "&date=" + DAY, TOKEN, "text/csv").body());

        page.findElement(By.id("sign-out")).click();
        assertThat(page.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        assertThat(page.executeScript("return sessionStorage.getItem('financeToken')")).isNull();
        assertThat(page.findElements(By.cssSelector("#totals td"))).isEmpty();
    }

    @Test
    void pageExplainsAWrongTokenBadDatesAndAForbiddenVenueInWords() throws IOException {
        ChromeDriver page = browser();
        signIn(page, "not-a-finance-token-000");
        waitFor(page, () -> page.findElement(By.id("error")).isDisplayed());
        assertThat(page.findElement(By.id("error")).getText()).startsWith("The token was refused: it is unknown, revoked");
        assertThat(page.findElement(By.id("workspace")).isDisplayed()).isFalse();
        assertThat(page.executeScript("return sessionStorage.getItem('financeToken')")).isNull();

        signIn(page, NARROWED);
        waitFor(page, () -> page.findElement(By.id("workspace")).isDisplayed());
        assertThat(page.findElement(By.id("error")).isDisplayed()).isFalse();
        page.findElement(By.id("period-range")).click();
        setDate(page, "from", DAY);
        setDate(page, "to", DAY.minusDays(1));
        page.findElement(By.id("show")).click();
        assertThat(errorText(page)).isEqualTo("The range ends before it starts: 2026-11-24 is after 2026-11-23.");

        page.findElement(By.id("period-day")).click();
        setDate(page, "date", LocalDate.parse("1999-12-31"));
        page.findElement(By.id("show")).click();
        assertThat(errorText(page)).isEqualTo("The request was refused: dates must be from 2000-01-01 to 2099-12-31.");

        // An administrator narrows the token while it is signed in: the page says so in words.
        jdbc.update("delete from report_token_venues where venue_id = 'venue-lyon'"
                + " and token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')", NARROWED);
        new Select(page.findElement(By.id("venue"))).selectByValue("venue-lyon");
        setDate(page, "date", DAY);
        page.findElement(By.id("show")).click();
        assertThat(errorText(page)).isEqualTo("Forbidden: this token may not read venue venue-lyon.");

        // The network goes away: the page says the server cannot be reached, and keeps the session.
        new Select(page.findElement(By.id("venue"))).selectByValue(VENUE);
        page.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
        try {
            page.findElement(By.id("show")).click();
            assertThat(errorText(page)).isEqualTo(
                    "The server could not be reached. Check the network connection and try again.");
            assertThat(page.findElement(By.id("workspace")).isDisplayed()).isTrue();
        } finally {
            page.deleteNetworkConditions();
        }
    }

    /**
     * The panel shows the health endpoint's answer: Paris's node with the report {@link #reportHealth} sent
     * (last seen, oldest pending, queue, slot lag) and "reporting"; Lyon, without a node, "SILENT".
     */
    private void assertHealthPanel(ChromeDriver page, Instant healthSent) throws IOException {
        HttpResponse<String> answer = get("/api/health/venues", TOKEN, "application/json");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode health = ContractJson.read(answer.body());
        assertThat(health.path("venues")).extracting(v -> v.path("venueId").asText())
                .containsExactly("venue-lyon", VENUE);
        assertThat(page.findElements(By.cssSelector("#health tbody tr"))).hasSize(2);
        assertThat(page.findElement(By.cssSelector("#health caption")).getText())
                .isEqualTo("Silent: nothing heard for more than " + health.path("silentAfterSeconds").asText() + " s.");

        JsonNode paris = health.path("venues").get(1);
        JsonNode node = paris.path("nodes").get(0);
        assertThat(paris.path("nodes")).hasSize(1);
        assertThat(node.path("nodeId").asText()).isEqualTo("node-paris");
        assertThat(node.path("silent").asBoolean()).isFalse();
        assertThat(paris.path("silent").asBoolean()).isFalse();
        String lastSeen = node.path("lastSeen").asText();
        assertThat(Instant.parse(lastSeen)).isAfterOrEqualTo(healthSent.truncatedTo(ChronoUnit.MILLIS));
        assertThat(paris.path("lastSeen").asText()).isEqualTo(lastSeen);
        assertThat(node.path("queueDepth").asLong()).isEqualTo(3);
        assertThat(node.path("oldestPendingAgeSeconds").asDouble()).isEqualTo(1.4);
        assertThat(node.path("slotLagBytes").asLong()).isEqualTo(20480);

        WebElement row = page.findElement(By.cssSelector("#health tr[data-venue='" + VENUE + "']"));
        assertThat(row.getAttribute("data-node")).isEqualTo("node-paris");
        assertThat(row.getAttribute("class")).isEqualTo("ok");
        assertThat(row.findElements(By.cssSelector("th, td"))).extracting(WebElement::getText).satisfiesExactly(
                venue -> assertThat(venue).isEqualTo(paris.path("name").asText()),
                nodeId -> assertThat(nodeId).isEqualTo("node-paris"),
                seen -> assertThat(seen).matches(Pattern.quote(lastSeen) + " \\(\\d+ (s|min) ago\\)"),
                oldest -> assertThat(oldest).isEqualTo(node.path("oldestPendingAgeSeconds").asText() + " s"),
                queue -> assertThat(queue).isEqualTo(node.path("queueDepth").asText()),
                slotLag -> assertThat(slotLag).isEqualTo(
                        String.format(Locale.ROOT, "%.1f KiB", node.path("slotLagBytes").asLong() / 1024.0)),
                status -> assertThat(status).isEqualTo("reporting"));

        JsonNode lyon = health.path("venues").get(0);
        assertThat(lyon.path("nodes")).isEmpty();
        assertThat(lyon.path("silent").asBoolean()).isTrue();
        WebElement silent = page.findElement(By.cssSelector("#health tr[data-venue='venue-lyon']"));
        assertThat(silent.getAttribute("data-node")).isEmpty();
        assertThat(silent.getAttribute("class")).isEqualTo("silent");
        assertThat(silent.findElement(By.cssSelector("td[data-field='lastSeen']")).getText()).isEqualTo("never");
        assertThat(silent.findElement(By.cssSelector("td[data-field='silent']")).getText()).isEqualTo("SILENT");
    }

    private static int assertRow(ChromeDriver page, String currency, String method, JsonNode row) {
        int figures = 0;
        for (String field : FIELDS) {
            if (row.has(field)) {
                assertThat(cell(page, currency, method, field)).as(currency + " " + method + " " + field)
                        .isEqualTo(row.path(field).asText());
                figures++;
            }
        }
        return figures;
    }

    private static String cell(ChromeDriver page, String currency, String method, String field) {
        return page.findElement(By.cssSelector("#totals td[data-currency='" + currency + "'][data-method='" + method
                + "'][data-field='" + field + "']")).getText();
    }

    private static String netSales(JsonNode totals, String currency) {
        for (JsonNode block : totals.path("currencies")) {
            if (block.path("currency").asText().equals(currency)) {
                return (block.has("netSales") ? block.path("netSales") : block.path("grossSales")).asText();
            }
        }
        return "0";
    }

    private static void signIn(ChromeDriver page, String token) {
        waitFor(page, () -> page.findElement(By.id("sign-in")).isDisplayed());
        page.findElement(By.id("token")).clear();
        page.findElement(By.id("token")).sendKeys(token);
        page.findElement(By.id("sign-in-button")).click();
        waitFor(page, () -> page.findElement(By.id("workspace")).isDisplayed() || page.findElement(By.id("error")).isDisplayed());
    }

    /** Sets a date input the way a picker would (typing into one depends on the browser's locale). */
    private static void setDate(ChromeDriver page, String id, LocalDate day) {
        page.executeScript("arguments[0].value = arguments[1]", page.findElement(By.id(id)), day.toString());
    }

    private static String errorText(ChromeDriver page) {
        waitFor(page, () -> page.findElement(By.id("error")).isDisplayed());
        return page.findElement(By.id("error")).getText();
    }

    private static void waitFor(ChromeDriver page, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(page, Duration.ofSeconds(60)).until(d -> condition.getAsBoolean());
    }

    private static Path screenshotTarget() {
        String target = System.getProperty("finance.screenshot");
        return target == null || target.isBlank() ? null : Path.of(target);
    }
}
