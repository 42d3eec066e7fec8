package com.ordercontrol.relay.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how far the cloud's clock is from this box's, from the HTTP {@code Date} header of a plain GET to
 * the cloud's base URL every minute (any status carries it). Standard Webhooks signatures are refused
 * beyond 5 minutes of skew, so this is the early warning. Resolution about one second; NaN until measured.
 */
public final class CloudClockProbe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CloudClockProbe.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final ScheduledExecutorService timer;
    private volatile double skewSeconds = Double.NaN;

    private CloudClockProbe(URI target) {
        this.target = target;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-clock-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Probes {@code baseUrl} now and every {@code interval}. */
    public static CloudClockProbe start(URI baseUrl, Duration interval) {
        CloudClockProbe probe = new CloudClockProbe(baseUrl);
        probe.timer.scheduleWithFixedDelay(probe::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return probe;
    }

    double skewSeconds() {
        return skewSeconds;
    }

    private void probe() {
        try {
            Instant sent = Instant.now();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            Instant received = Instant.now();
            response.headers().firstValue("Date").ifPresent(date -> {
                Instant cloud = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Instant middle = sent.plus(Duration.between(sent, received).dividedBy(2));
                // The header has whole seconds: half a second is the midpoint of its uncertainty.
                skewSeconds = Duration.between(middle, cloud.plusMillis(500)).toMillis() / 1000.0;
                if (Math.abs(skewSeconds) > 60) {
                    log.warn("the cloud's clock is {} s from this box's; signatures are refused beyond 300 s",
                            Math.round(skewSeconds));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("clock probe failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
