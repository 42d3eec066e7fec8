package com.ordercontrol.ingest.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium (Debian's {@code chromium} and {@code chromium-driver} packages) driven
 * headless through its chromedriver. Both are found on the {@code PATH} (or named by the system
 * properties {@code chrome.binary} and {@code webdriver.chrome.driver}); nothing is downloaded, so
 * Selenium Manager never runs.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /**
     * Skips the calling test, saying what is missing and how to install it, when the browser or its driver
     * is not installed; with {@code PIPELINE_REQUIRE_TOOLS=true} (set by {@code .ci/run}) it fails instead.
     */
    public static void assumeInstalled() {
        missing().ifPresent(why -> {
            if ("true".equals(System.getenv("PIPELINE_REQUIRE_TOOLS"))) {
                throw new AssertionError(why + ": the finance page's browser test fails (PIPELINE_REQUIRE_TOOLS=true)");
            }
            Assumptions.abort(why + ": the finance page's browser test is skipped");
        });
    }

    /** Why the browser cannot run here, or empty when both the browser and its driver are installed. */
    static Optional<String> missing() {
        if (browser().isPresent() && driver().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("chromium and chromedriver are not both installed (apt-get install chromium chromium-driver;"
                + " found browser: " + browser().map(Path::toString).orElse("none") + ", driver: "
                + driver().map(Path::toString).orElse("none") + ")");
    }

    /** A headless browser with a 1280x1500 window that saves downloads into {@code downloads}. */
    public static ChromeDriver start(Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1500", "--lang=en-US", "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> browser() {
        return named("chrome.binary").or(() -> onPath("chromium", "chromium-browser", "google-chrome"));
    }

    private static Optional<Path> driver() {
        return named("webdriver.chrome.driver").or(() -> onPath("chromedriver"));
    }

    private static Optional<Path> named(String property) {
        return Optional.ofNullable(System.getProperty(property)).map(Path::of).filter(Files::isExecutable);
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(names).flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }
}
