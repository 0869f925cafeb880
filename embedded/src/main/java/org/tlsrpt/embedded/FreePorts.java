package org.tlsrpt.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks loopback ports for configurations that ask for "any free port" (port 0). */
public final class FreePorts {

    private FreePorts() {
    }

    /** Returns {@code port} unchanged, or a port that was free on 127.0.0.1 a moment ago when {@code port} is 0. */
    public static int resolve(int port) {
        return port != 0 ? port : pick();
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * {@code count} different ports that were free on 127.0.0.1 a moment ago: held open together while picked, so
     * that no two are the same (consecutive {@link #pick()}s may return one port twice once it is closed again).
     */
    public static int[] pickDistinct(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a listening socket that accepted nothing
                    }
                }
            }
        }
    }

    /** Refuses a port outside 0-65535, naming the setting. */
    public static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or 1-65535, was " + port);
        }
    }
}
