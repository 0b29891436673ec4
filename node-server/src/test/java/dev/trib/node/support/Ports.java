package dev.trib.node.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Client ports for cluster tests: random in 12000-20999 so that the bus port (port + 10000) stays
 * below Linux's ephemeral range, and both free on the given loopback address when probed.
 */
public final class Ports {
    private Ports() {
    }

    public static int freeClusterPort(String host) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(12000, 21000);
            if (free(host, port) && free(host, port + 10000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair found on " + host);
    }

    /** A port free on host, picked at random in [from, to) (persistence tests use 26000-26999). */
    public static int freeInRange(String host, int from, int to) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(from, to);
            if (free(host, port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + from + "-" + (to - 1) + " on " + host);
    }

    private static boolean free(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
