package dev.trib.node.command.migrate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;

/**
 * MIGRATE's connection cache, as redis-server keeps it: one connection per "host:port" as written in the command,
 * at most 64 (a random one is dropped to make room), closed after 10 s without use.
 */
final class MigrateSockets {
    static final int MAX_ITEMS = 64;
    static final long IDLE_MS = 10_000;

    private final Map<String, MigrateConnection> cache = new HashMap<>();
    private final Random random = new Random();
    /** Makes a client TLS engine for host and port when MIGRATE speaks TLS (tls-cluster), else null. */
    private BiFunction<String, Integer, SSLEngine> tlsEngines;

    void useTls(BiFunction<String, Integer, SSLEngine> engines) {
        tlsEngines = engines;
    }

    /** The cached connection, or a new one. @throws IOException when it cannot connect within the timeout */
    MigrateConnection get(String name, String host, int port, long timeoutMs) throws IOException {
        long now = System.currentTimeMillis();
        closeIdle(now);
        MigrateConnection c = cache.get(name);
        if (c != null) {
            c.lastUseMillis = now;
            return c;
        }
        if (cache.size() >= MAX_ITEMS) {
            List<String> names = new ArrayList<>(cache.keySet());
            close(names.get(random.nextInt(names.size())));
        }
        c = MigrateConnection.open(host, port, timeoutMs, tlsEngines == null ? null : tlsEngines.apply(host, port));
        c.lastUseMillis = now;
        cache.put(name, c);
        return c;
    }

    void close(String name) {
        MigrateConnection c = cache.remove(name);
        if (c != null) {
            c.close();
        }
    }

    /** Closes the connections unused for more than {@link #IDLE_MS}, as redis-server's cron does. */
    void closeIdle(long nowMillis) {
        cache.entrySet().removeIf(e -> {
            if (nowMillis - e.getValue().lastUseMillis > IDLE_MS || !e.getValue().isOpen()) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    int size() {
        return cache.size();
    }
}
