package com.ordercontrol.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.KafkaBroker;
import com.ordercontrol.infra.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 4: two ingest processes (separate JVMs, different ports) share the cloud database, the topic
 * and the consumer group; the topic's partitions are spread over both. Senders spread single events and
 * batches over both, and retry on the other instance after an error, as behind a load balancer. One instance
 * is killed with SIGKILL in the middle of the load: every event sent ends as exactly one event row and one
 * fact, and the survivor's consumer takes over all partitions.
 */
class TwoIngestInstancesIT {

    static final Path DATA = Path.of("target", "two-ingest").toAbsolutePath();
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    static final String GROUP = "ingest-facts";
    static final int VENUES = 12;
    static final int SENDERS = 8;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final Set<String> sent = ConcurrentHashMap.newKeySet();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();

    @Test
    void oneOfTwoInstancesKilledUnderLoadLosesNothingAndDoublesNothing() throws Exception {
        try (PostgresServer postgres = PostgresServer.startFresh(DATA.resolve("postgres"), 0);
             KafkaBroker kafka = KafkaBroker.startFresh(DATA.resolve("kafka"), 0)) {
            String db = postgres.createDatabase("cloud");
            int[] ports = {FreePort.pick(), FreePort.pick()};
            ServiceProcess a = ServiceProcess.start(ingest("ingest-a", ports[0], db, kafka));
            ServiceProcess b = ServiceProcess.start(ingest("ingest-b", ports[1], db, kafka));
            try (Admin admin = admin(kafka)) {
                Waits.listening(a, ports[0], Duration.ofSeconds(180));
                Waits.listening(b, ports[1], Duration.ofSeconds(180));
                CloudRegistration cloud = new CloudRegistration(db);
                for (int v = 0; v < VENUES; v++) {
                    cloud.venueWithNode("venue-" + v, ZoneId.of("UTC"), "node-" + v, "secret-of-node-" + v);
                }
                // The group does not exist until the first consumer joins (GroupIdNotFoundException): keep asking.
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(assignment(admin)).as("both consumers hold partitions")
                                .hasSize(2).allSatisfy(n -> assertThat(n).isPositive()));

                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
                List<Future<?>> running = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    running.add(senders.submit(() -> send(sender, ports, stop)));
                }
                // Under load on both instances (the machine may be slow: wait for deliveries, not for a time).
                await().atMost(Duration.ofSeconds(120)).until(() -> delivered.get() >= 200);
                int beforeKill = delivered.get();
                a.kill(); // destroyForcibly: SIGKILL, while requests are in flight on it
                await().atMost(Duration.ofSeconds(120)).until(() -> delivered.get() >= beforeKill + 200);
                stop.set(true);
                for (Future<?> f : running) {
                    f.get(120, TimeUnit.SECONDS);
                }
                senders.shutdown();

                await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(assignment(admin))
                                .as("the survivor holds every partition").containsExactly(6));
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                        assertThat(count(db, "select count(*) from events")).isEqualTo(sent.size()));
                assertThat(count(db, "select count(distinct event_id) from payment_facts")).isEqualTo(sent.size());
                assertThat(count(db, "select count(*) from payment_facts")).isEqualTo(sent.size());
                assertThat(count(db, "select count(*) from dead_letter_events")).isZero();
                System.out.printf("two instances: %d events sent (%d delivered before the kill), %d retries on the other "
                        + "instance, 0 lost, 0 doubled%n", sent.size(), beforeKill, retries.get());
            } finally {
                a.close();
                b.close();
            }
        }
    }

    static ServiceProcess.Spec ingest(String name, int port, String db, KafkaBroker kafka) {
        ServiceProcess.Spec base = ServiceSpecs.ingest(HOME, port, db, kafka.bootstrapServers(),
                DATA.resolve(name + ".log"));
        List<String> args = new ArrayList<>(base.arguments());
        // A dead member's partitions move to the survivor after the session timeout: keep it short here.
        args.add("--spring.kafka.consumer.properties[session.timeout.ms]=10000");
        args.add("--spring.kafka.consumer.properties[heartbeat.interval.ms]=1000");
        return new ServiceProcess.Spec(name, base.home(), base.module(), base.mainClass(), base.maxHeap(),
                base.jvmOptions(), base.environment(), List.copyOf(args), base.logFile());
    }

    /** One sender: singles or batches of 10, to alternating instances; after an error the same content to the other one. */
    void send(int sender, int[] ports, AtomicBoolean stop) {
        int turn = sender;
        while (!stop.get()) {
            int venue = (int) (Math.random() * VENUES);
            List<String> ids = new ArrayList<>();
            List<String> envelopes = new ArrayList<>();
            for (int i = 0; i < (sender % 2 == 0 ? 1 : 10); i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                envelopes.add(envelope(id, "venue-" + venue));
            }
            String body = ids.size() == 1 ? envelopes.get(0) : "[" + String.join(",", envelopes) + "]";
            String messageId = "msg_" + UUID.randomUUID();
            sent.addAll(ids);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!post(ports[turn++ % 2], venue, messageId, body, ids)) {
                retries.incrementAndGet();
                assertThat(System.nanoTime()).as("delivered within 60 s").isLessThan(deadline);
                sleep(200);
            }
            delivered.addAndGet(ids.size());
        }
    }

    /** True when the answer is 202 and names every eventId sent as accepted or duplicate. */
    boolean post(int port, int venue, String messageId, String body, Collection<String> ids) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/nodes/node-" + venue + "/events")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        WebhookSigner.withSecret("secret-of-node-" + venue).headers(messageId, Instant.now(), bytes)
                .forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 202 && ids.stream().allMatch(id -> response.body().contains("\"" + id
                    + "\",\"outcome\":\"accepted\"") || response.body().contains("\"" + id + "\",\"outcome\":\"duplicate\""));
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String envelope(String id, String venue) {
        String now = Instant.now().toString();
        return "{\"eventId\":\"" + id + "\",\"eventType\":\"order_paid\",\"venueId\":\"" + venue + "\",\"occurredAt\":\""
                + now + "\",\"payload\":{\"orderId\":\"o-" + id + "\",\"orderNumber\":1,\"currency\":\"USD\","
                + "\"total\":\"1.00\",\"payments\":[{\"paymentId\":\"p-" + id + "\",\"method\":\"card\","
                + "\"amount\":\"1.00\",\"tip\":\"0.00\",\"paidAt\":\"" + now + "\"}]}}";
    }

    static Admin admin(KafkaBroker kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }

    /** Partitions held by each member of the facts consumer group. */
    static List<Integer> assignment(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS)
                .get(GROUP);
        List<Integer> sizes = new ArrayList<>();
        for (MemberDescription member : group.members()) {
            sizes.add(member.assignment().topicPartitions().size());
        }
        return sizes;
    }

    static int count(String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db, PostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
