package com.ordercontrol.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedServersIT {

    @Test
    void postgresRunsWithLogicalDecoding() throws Exception {
        try (PostgresServer pg = PostgresServer.startFresh(Path.of("target/it-postgres"), 0)) {
            String url = pg.createDatabase("probe");
            try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
                 ResultSet rs = c.createStatement().executeQuery("show wal_level")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
            }
        }
    }

    @Test
    void postgresKilledHardRecoversCommittedData() throws Exception {
        Path base = Path.of("target/it-postgres-kill");
        PostgresServer first = PostgresServer.startFresh(base, 0);
        int port = first.port();
        String url = first.createDatabase("probe");
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "")) {
            c.createStatement().execute("create table t (v int); insert into t values (42)");
        }
        first.killHard();
        try (PostgresServer second = PostgresServer.startExisting(base, port);
             Connection c = DriverManager.getConnection(second.jdbcUrl("probe"), PostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery("select v from t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void kafkaBrokerRoundTripsARecord() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startFresh(Path.of("target/it-kafka"), 0)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            Properties c = new Properties();
            c.put("bootstrap.servers", broker.bootstrapServers());
            c.put("group.id", "probe");
            c.put("auto.offset.reset", "earliest");
            try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("probe"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("v");
            }
        }
    }
}
