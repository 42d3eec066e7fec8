package com.ordercontrol.ingest.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/** Issue 10: a record that cannot be written is isolated and dead-lettered; infrastructure failures are never skipped. */
class PoisonIsolatorTest {

    /** A table that refuses the poisonous offsets the way PostgreSQL refuses a NUL (SQLState 22021). */
    static class FakeTable implements PoisonIsolator.Target {
        final Set<Long> poison = new HashSet<>();
        final List<Long> written = new ArrayList<>();
        final List<String> deadLetters = new ArrayList<>();
        int writeCalls;
        RuntimeException outage;

        @Override
        public WriteSummary write(List<StreamRecord> records) {
            writeCalls++;
            if (outage != null) {
                throw outage;
            }
            for (StreamRecord r : records) {
                if (poison.contains(r.offset())) {
                    throw new DataIntegrityViolationException("batch failed",
                            new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
                }
            }
            records.forEach(r -> written.add(r.offset()));
            return new WriteSummary(records.size(), records.size(), records.size(), 0, 0);
        }

        @Override
        public WriteSummary deadLetter(StreamRecord record, String reason) {
            deadLetters.add(record.offset() + " " + reason);
            return new WriteSummary(1, 0, 0, 0, 1);
        }
    }

    static List<StreamRecord> records(int n) {
        List<StreamRecord> records = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            records.add(new StreamRecord("t", 0, i, new byte[0]));
        }
        return records;
    }

    final List<String> events = new ArrayList<>();
    final List<Duration> pauses = new ArrayList<>();

    PoisonIsolator isolator(FakeTable table) {
        return new PoisonIsolator(table, 3, Duration.ofMillis(200), pauses::add, events::add);
    }

    @Test
    void aPoisonousRecordIsIsolatedAndDeadLetteredAndEveryOtherRecordIsWrittenInOrder() {
        FakeTable table = new FakeTable();
        table.poison.add(137L);

        WriteSummary summary = isolator(table).write(records(500));

        assertThat(table.deadLetters).containsExactly(
                "137 the database refused this record (SQLState 22021): SQLException: ERROR: invalid byte sequence "
                        + "for encoding \"UTF8\": 0x00");
        assertThat(table.written).hasSize(499).isSorted().doesNotContain(137L);
        assertThat(summary.eventsRead()).isEqualTo(500);
        assertThat(summary.deadLetters()).isEqualTo(1);
        assertThat(summary.factsWritten()).isEqualTo(499);
        assertThat(events).contains("facts.poison_isolated");
        // 3 attempts of the batch, one per halving on the way down (9 levels), 3 of the lone record.
        assertThat(events.stream().filter("facts.unknown_failures"::equals).count()).isBetween(12L, 16L);
        assertThat(table.writeCalls).isLessThan(40);
    }

    @Test
    void retriesABatchThatFailsForAnUnknownReasonAFewTimesBeforeSplitting() {
        FakeTable table = new FakeTable() {
            int failures = 2;

            @Override
            public WriteSummary write(List<StreamRecord> records) {
                if (failures-- > 0) {
                    writeCalls++;
                    throw new IllegalStateException("a glitch");
                }
                return super.write(records);
            }
        };

        isolator(table).write(records(10));

        assertThat(table.written).hasSize(10);
        assertThat(table.deadLetters).isEmpty();
        assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200));
    }

    @Test
    void severalPoisonousRecordsEachBecomeADeadLetter() {
        FakeTable table = new FakeTable();
        table.poison.addAll(List.of(0L, 1L, 63L));

        isolator(table).write(records(64));

        assertThat(table.deadLetters).hasSize(3);
        assertThat(table.written).hasSize(61).isSorted();
    }

    @Test
    void anInfrastructureFailureIsRethrownAtOnceAndNothingIsDeadLettered() {
        FakeTable table = new FakeTable();
        table.outage = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException("Connection is not available, request timed out after 5000ms"));

        assertThatThrownBy(() -> isolator(table).write(records(100))).isSameAs(table.outage);
        assertThat(table.writeCalls).isEqualTo(1);
        assertThat(table.deadLetters).isEmpty();

        table.outage = new UncategorizedSQLException("insert", "insert",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThatThrownBy(() -> isolator(table).write(records(100))).isSameAs(table.outage);
        assertThat(table.deadLetters).isEmpty();
    }

    @Test
    void classifiesInfrastructureFailures() {
        assertThat(Failures.isInfrastructure(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(Failures.isInfrastructure(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(Failures.isInfrastructure(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(Failures.isInfrastructure(new RuntimeException(new java.net.ConnectException("Connection refused")))).isTrue();
        assertThat(Failures.isInfrastructure(new org.springframework.dao.QueryTimeoutException("slow"))).isTrue();
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("Batch entry 0 was aborted", "22021", new int[0]);
        assertThat(Failures.isInfrastructure(batch)).isFalse();
        java.sql.BatchUpdateException lostInBatch = new java.sql.BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
        lostInBatch.setNextException(new SQLException("An I/O error occurred", "08006"));
        assertThat(Failures.isInfrastructure(lostInBatch)).isTrue();
        assertThat(Failures.isInfrastructure(new SQLException("date/time field value out of range", "22008"))).isFalse();
        assertThat(Failures.isInfrastructure(new ArithmeticException("Overflow"))).isFalse();
        assertThat(Failures.isInfrastructure(new RuntimeException(new java.net.SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(Failures.isInfrastructure(new RuntimeException(new java.nio.charset.CharacterCodingException()))).isFalse();
        assertThat(Failures.isInfrastructure(new DataIntegrityViolationException("check"))).isFalse();
    }

    @Test
    void theReasonNamesTheDatabaseErrorWithoutControlCharacters() {
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException(
                "Batch entry 0 insert into payment_facts values ('U\u0000D') was aborted", "22021", new int[0]);
        batch.setNextException(new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 'U\u0000D'", "22021"));
        assertThat(Failures.reason(new DataIntegrityViolationException("x", batch))).isEqualTo(
                "the database refused this record (SQLState 22021): SQLException: ERROR: invalid byte sequence for "
                        + "encoding \"UTF8\": 0x00 'U\\u0000D'");
        assertThat(Failures.reason(new ArithmeticException("Overflow")))
                .isEqualTo("could not be turned into facts: ArithmeticException: Overflow");
    }
}
