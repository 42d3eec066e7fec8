package com.ordercontrol.faultsuite;

/**
 * The faults the suite injects. Kills are SIGKILL (kill -9), followed by a restart. The poison fault
 * sends events that cannot become facts ({@link PoisonFault}).
 */
enum FaultKind {
    KILL_RELAY("kill -9 relay"),
    KILL_POS_API("kill -9 POS API"),
    KILL_POS_DB("kill -9 POS PostgreSQL"),
    KILL_INGEST("kill -9 ingest"),
    KILL_KAFKA("kill -9 Kafka broker"),
    KILL_CLOUD_DB("kill -9 cloud PostgreSQL"),
    CUT_LINK("cut relay-to-cloud link"),
    PAUSE_CLOUD("pause cloud (SIGSTOP ingest)"),
    POISON("poison events from one venue");

    final String label;

    FaultKind(String label) {
        this.label = label;
    }
}
