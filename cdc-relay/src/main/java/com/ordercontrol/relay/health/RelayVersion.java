package com.ordercontrol.relay.health;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The relay's version, from {@code relay-version.properties} (filled in by the build). */
final class RelayVersion {

    private static final String UNKNOWN = "unknown";

    private RelayVersion() {
    }

    static String current() {
        try (InputStream in = RelayVersion.class.getResourceAsStream("/relay-version.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", UNKNOWN).trim();
            return v.isEmpty() || v.startsWith("@") ? UNKNOWN : v;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
