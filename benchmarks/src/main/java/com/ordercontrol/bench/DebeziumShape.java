package com.ordercontrol.bench;

import com.ordercontrol.contract.WebhookSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code bin/benchmark debezium-shape}: shows the exact HTTP requests Debezium Server's HTTP sink sends
 * for outbox rows, single and batch mode, by pointing it at a loopback listener that records them.
 */
final class DebeziumShape {

    /** Debezium Server refuses webhook secrets shorter than 24 bytes (or longer than 64). */
    static final String SECRET = "peer-secret-0123456789abcdef01";

    private DebeziumShape() {
    }

    static int run(Path home, Path dataDir) throws Exception {
        Path dist = DebeziumServerPeer.distribution(home);
        try (PosDatabase pos = PosDatabase.startFresh(dataDir.resolve("pos-postgres"));
             CaptureServer capture = new CaptureServer()) {
            OutboxFeeder feeder = new OutboxFeeder(pos, "venue-1");
            for (DebeziumServerPeer.Mode mode : List.of(DebeziumServerPeer.Mode.single(), DebeziumServerPeer.Mode.batchOf(100))) {
                int before = capture.requests().size();
                System.out.println("== " + mode.label() + " ==");
                try (DebeziumServerPeer peer = DebeziumServerPeer.start(home, dist,
                        dataDir.resolve(mode.batch() ? "dbz-batch" : "dbz-single"), pos, capture.baseUrl(), "dev-nuc-1",
                        SECRET, mode, "192m", List.of())) {
                    Waits.until(() -> pos.slotActive(PosDatabase.PEER_SLOT), Duration.ofSeconds(120), peer);
                    feeder.backlog(mode.batch() ? 3 : 2, mode.batch() ? 3 : 1);
                    int want = before + (mode.batch() ? 1 : 2);
                    Waits.until(() -> capture.requests().size() >= want, Duration.ofSeconds(60), peer);
                    Thread.sleep(500);
                }
                for (CaptureServer.Captured r : capture.requests().subList(before, capture.requests().size())) {
                    System.out.println(r.method() + " " + r.path());
                    r.headers().forEach((k, v) -> System.out.println(k + ": " + String.join(",", v)));
                    System.out.println();
                    System.out.println(r.bodyText());
                    String id = r.headers().get("webhook-id").get(0);
                    long ts = Long.parseLong(r.headers().get("webhook-timestamp").get(0));
                    String expected = WebhookSigner.withSecret(SECRET).sign(id, ts, r.body());
                    System.out.println("-> webhook-signature equals WebhookSigner.withSecret(node secret).sign(id, ts, body): "
                            + expected.equals(r.headers().get("webhook-signature").get(0)));
                    System.out.println();
                }
                Waits.until(() -> !pos.slotActive(PosDatabase.PEER_SLOT), Duration.ofSeconds(30), null);
                pos.dropSlot(PosDatabase.PEER_SLOT);
            }
        }
        return 0;
    }
}
