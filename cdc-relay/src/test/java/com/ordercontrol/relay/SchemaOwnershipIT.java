package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.outbox.OutboxSchema;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * One owner per schema on the venue box: pointed at a real POS's database (its own tables plus the outbox
 * table), the relay creates its own tables and history and nothing else, and delivers the outbox rows.
 */
class SchemaOwnershipIT {

    private static final Set<String> RELAY_TABLES = Set.of("cloud_event_queue", "relay_delivered_event",
            "relay_offset", "relay_heartbeat", "relay_cloud_link", "relay_schema_history");

    @Test
    void onAForeignPosDatabaseTheRelayCreatesOnlyItsOwnTables() throws Exception {
        Nuc nuc = new Nuc("foreign_pos");
        // Some other vendor's POS: its own tables, no Flyway of its own, plus the outbox table.
        nuc.execute("""
                create table tickets (ticket_id bigserial primary key, opened_at timestamptz not null default now());
                create table tenders (tender_id bigserial primary key, ticket_id bigint references tickets,
                                      amount numeric(12,2) not null)
                """);
        Set<String> before = tables(nuc);
        assertThat(before).containsExactlyInAnyOrder("tickets", "tenders", "outbox_event",
                OutboxSchema.HISTORY_TABLE);

        try (FakeCloud cloud = FakeCloud.start();
             Relay relay = Relay.start(nuc.settings(cloud, "foreign_pos_slot"))) {
            nuc.awaitSlotActive("foreign_pos_slot");
            String eventId = nuc.payOrders(1).get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> cloud.acceptedIds().contains(eventId));
        }

        Set<String> created = tables(nuc);
        created.removeAll(before);
        assertThat(created).as("tables the relay created").isEqualTo(RELAY_TABLES);
        assertThat(tables(nuc)).doesNotContain("orders", "payments", "flyway_schema_history");
        assertThat(nuc.count("select count(*) from pg_class where relkind = 'S' and relname = 'order_number_seq'"))
                .isZero();
        assertThat(nuc.count("select count(*) from tickets")).as("the POS's own data untouched").isZero();
    }

    @Test
    void withoutTheOutboxTableTheRelayRefusesAndCreatesNothing() {
        Nuc nuc = new Nuc("no_outbox", false);
        nuc.execute("create table tickets (ticket_id bigserial primary key)");
        try (FakeCloud cloud = FakeCloud.start()) {
            RelaySettings settings = nuc.settings(cloud, "no_outbox_slot");
            assertThatThrownBy(() -> Relay.start(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outbox_event does not exist")
                    .hasMessageContaining("OutboxSchema.migrate");
        }
        assertThat(tables(nuc)).containsExactly("tickets");
    }

    @Test
    void aDatabaseMadeByTheOldSingleHistoryUpgradesInPlace() throws Exception {
        Nuc nuc = new Nuc("old_single_history", false);
        // Before the split, one Flyway history (flyway_schema_history) held the outbox and the relay's tables.
        Flyway.configure().dataSource(nuc.url(), PostgresServer.USER, "")
                .locations(OutboxSchema.LOCATION, "classpath:db/migration/relay").load().migrate();
        String waiting = nuc.payOrders(1).get(0);

        OutboxSchema.migrate(nuc.url(), PostgresServer.USER, "");
        try (FakeCloud cloud = FakeCloud.start();
             Relay relay = Relay.start(nuc.settings(cloud, "old_history_slot"))) {
            nuc.awaitSlotActive("old_history_slot");
            String after = nuc.payOrders(1).get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> cloud.acceptedIds().contains(after));
        }
        assertThat(nuc.count("select count(*) from relay_schema_history where success and version = '3'")).isOne();
        assertThat(nuc.count("select count(*) from outbox_schema_history where success and version = '2'")).isOne();
        assertThat(nuc.count("select count(*) from outbox_event where event_id = '" + waiting + "'")).isOne();
    }

    private static Set<String> tables(Nuc nuc) {
        try (Connection c = nuc.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
            Set<String> names = new TreeSet<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
