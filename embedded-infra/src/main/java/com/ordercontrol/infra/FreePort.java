package com.ordercontrol.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a free TCP port on the loopback interface. */
public final class FreePort {

    private FreePort() {
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** {@code port} itself, or a free one when it is 0. */
    public static int orPick(int port) {
        return port == 0 ? pick() : port;
    }
}
