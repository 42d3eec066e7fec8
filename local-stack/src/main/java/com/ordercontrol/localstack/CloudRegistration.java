package com.ordercontrol.localstack;

/** Registers the dev venue, node and finance token in the cloud. */
final class CloudRegistration {

    private CloudRegistration() {
    }

    static void registerDevNode(LocalPipeline pipeline) {
        // Filled in once the ingest service's registry API is settled.
    }
}
