package com.ordercontrol.faultsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The quick profile of the fault suite, as CI runs it: three venues and a cloud as separate processes,
 * at least 20 faults of every kind while orders flow (one kind is poison events from one venue); nothing
 * may be lost or doubled (payments and refunds), every poison must be dead-lettered and facts must keep flowing
 * after it; then one relay is stopped and the cloud must flag its venue silent within the threshold, and clear
 * it after.
 */
class FaultSuiteIT {

    @Test
    void nothingLostNothingDoubledUnderFaults() throws Exception {
        long seed = Long.getLong("fault.seed", 7L);
        Path home = Path.of("..").toAbsolutePath().normalize();
        FaultSuite.Report report = new FaultSuite(home, Path.of("target/fault-suite").toAbsolutePath(),
                System.out::println).run(SuiteProfile.quick(seed));
        String summary = SummaryTable.render(report);
        System.out.println(summary);

        assertThat(report.totalFaults()).as(summary).isGreaterThanOrEqualTo(20);
        assertThat(report.faults().values()).as("every kind of fault happened").allMatch(n -> n > 0);
        assertThat(report.settled()).as(summary).isTrue();
        assertThat(report.lost()).as(summary).isZero();
        assertThat(report.doubled()).as(summary).isZero();
        // Issue 10: poison from one venue is dead-lettered and never stops the others' facts.
        assertThat(report.poison().accepted()).as(summary).isPositive();
        assertThat(report.poison().missingDeadLetters()).as(summary).isZero();
        assertThat(report.poison().lateProbes()).as(summary).isZero();
        assertThat(report.poison().ok()).as(summary).isTrue();
        // Issue 12: a stopped relay's venue is flagged silent within the threshold and clears after the restart.
        assertThat(report.silentNode().flaggedAfter()).as(summary).isNotNull();
        assertThat(report.silentNode().clearedAfter()).as(summary).isNotNull();
        assertThat(report.silentNode().ok()).as(summary).isTrue();
        assertThat(report.passed()).as(summary).isTrue();
        assertThat(report.venues()).allSatisfy(v -> assertThat(v.posPayments()).isPositive());
        // Issue 12: refunds, partial and full, flowed with the orders, and each is a fact once.
        assertThat(report.venues()).allSatisfy(v -> assertThat(v.posRefunds()).isPositive());
        assertThat(report.venues()).allSatisfy(v -> assertThat(v.refundFacts()).isEqualTo(v.posRefunds()));
    }
}
