package dev.trib.node.rdb;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DUMP payloads and MIGRATE between a real redis-server 7.0 and the node, both ways, for every type and the
 * encodings redis-server picks (listpack, intset, quicklist with plain nodes, LZF-compressed and integer strings).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RdbInteropTest {
    private RealRedis redis;
    private RealRedis locked;
    private NodeServer node;
    private RespTestClient r;
    private RespTestClient n;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server is not on PATH: the RDB interop tests against real Redis are SKIPPED ***");
        redis = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"));
        locked = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"), "--requirepass", "pw");
        node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        r = redis.client();
        n = new RespTestClient("127.0.0.1", node.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
        for (RealRedis x : new RealRedis[] {redis, locked}) {
            if (x != null) {
                x.close();
            }
        }
    }

    /** The keys written in redis-server, each with the encoding redis-server gives it. */
    private Map<String, String> fill(RespTestClient c, String prefix) throws IOException {
        Map<String, String> types = new LinkedHashMap<>();
        c.call("SET", prefix + "s:small", "abc");
        c.call("SET", prefix + "s:int", "-1234567");
        c.call("SET", prefix + "s:lzf", "compressible ".repeat(40));
        c.call("SET", prefix + "s:ttl", "soon", "PX", "100000");
        for (String k : List.of("s:small", "s:int", "s:lzf", "s:ttl")) {
            types.put(prefix + k, "string");
        }
        c.call("RPUSH", prefix + "l:small", "a", "1", "-70000", "b");
        List<String> big = new ArrayList<>(List.of("RPUSH", prefix + "l:big"));
        for (int i = 0; i < 3000; i++) {
            big.add(i % 3 == 0 ? Integer.toString(i * 1000) : "item-" + i);
        }
        c.call(big.toArray(String[]::new));
        c.call("RPUSH", prefix + "l:plain", "x".repeat(100_000), "tail");
        c.call("SADD", prefix + "set:int", "1", "2", "300", "-4", "70000", "5000000000");
        c.call("SADD", prefix + "set:str", "a", "b", "c");
        List<String> bigSet = new ArrayList<>(List.of("SADD", prefix + "set:big"));
        for (int i = 0; i < 600; i++) {
            bigSet.add("m" + i);
        }
        c.call(bigSet.toArray(String[]::new));
        c.call("HSET", prefix + "h:small", "f1", "v1", "f2", "12", "f3", "-3");
        List<String> bigHash = new ArrayList<>(List.of("HSET", prefix + "h:big"));
        for (int i = 0; i < 300; i++) {
            bigHash.add("f" + i);
            bigHash.add("value-" + i);
        }
        c.call(bigHash.toArray(String[]::new));
        c.call("ZADD", prefix + "z:small", "1", "a", "2.5", "b", "-inf", "c", "1e20", "d");
        List<String> bigZ = new ArrayList<>(List.of("ZADD", prefix + "z:big"));
        for (int i = 0; i < 300; i++) {
            bigZ.add(Double.toString(i * 0.5));
            bigZ.add("member-" + i);
        }
        c.call(bigZ.toArray(String[]::new));
        for (String k : List.of("l:small", "l:big", "l:plain")) {
            types.put(prefix + k, "list");
        }
        for (String k : List.of("set:int", "set:str", "set:big")) {
            types.put(prefix + k, "set");
        }
        types.put(prefix + "h:small", "hash");
        types.put(prefix + "h:big", "hash");
        types.put(prefix + "z:small", "zset");
        types.put(prefix + "z:big", "zset");
        return types;
    }

    /** The value as text that does not depend on the server's internal order. */
    private static String content(RespTestClient c, String key, String type) throws IOException {
        return switch (type) {
            case "string" -> c.call("GET", key);
            case "list" -> c.call("LRANGE", key, "0", "-1");
            case "set" -> sortedLines(c.call("SMEMBERS", key));
            case "hash" -> sortedLines(c.call("HGETALL", key));
            default -> c.call("ZRANGE", key, "0", "-1", "WITHSCORES");
        };
    }

    private static String sortedLines(String wire) {
        String[] lines = wire.split("\r\n");
        Arrays.sort(lines);
        return String.join("\n", lines);
    }

    private static String payload(String dumpReply) {
        int nl = dumpReply.indexOf("\r\n");
        int len = Integer.parseInt(dumpReply.substring(1, nl));
        return dumpReply.substring(nl + 2, nl + 2 + len);
    }

    private static long ttl(RespTestClient c, String key) throws IOException {
        long t = Long.parseLong(c.call("PTTL", key).substring(1).trim());
        return Math.max(0, t);
    }

    @Test
    void everyTypeAndEncodingCrossesBothWays() throws Exception {
        Map<String, String> keys = fill(r, "k:");
        for (var e : keys.entrySet()) {
            String key = e.getKey();
            String dump = payload(r.call("DUMP", key));
            assertEquals("+OK\r\n", n.call("RESTORE", key, Long.toString(ttl(r, key)), dump), key);
            assertEquals(content(r, key, e.getValue()), content(n, key, e.getValue()), key);
            // And back: the node's payload restored into redis-server under another name.
            String back = payload(n.call("DUMP", key));
            assertEquals("+OK\r\n", r.call("RESTORE", key + ":back", "0", back), key);
            assertEquals(content(r, key, e.getValue()), content(r, key + ":back", e.getValue()), key);
        }
        long ttl = ttl(n, "k:s:ttl");
        assertTrue(ttl > 90_000 && ttl <= 100_000, "TTL kept: " + ttl);
    }

    @Test
    void restoreRepliesAsRedisDoes() throws Exception {
        n.call("SET", "busy", "1");
        String p = payload(n.call("DUMP", "busy"));
        for (RespTestClient c : List.of(r, n)) {
            c.call("SET", "busy", "1");
            assertEquals("-BUSYKEY Target key name already exists.\r\n", c.call("RESTORE", "busy", "0", p));
            assertEquals("-ERR Invalid TTL value, must be >= 0\r\n", c.call("RESTORE", "new", "-1", p));
            assertEquals("-ERR DUMP payload version or checksum are wrong\r\n",
                    c.call("RESTORE", "new", "0", p.substring(0, p.length() - 1) + "x"));
            assertEquals("+OK\r\n", c.call("RESTORE", "busy", "0", p, "REPLACE"));
            assertEquals("$-1\r\n", c.call("DUMP", "missing"));
            assertEquals("+OK\r\n", c.call("RESTORE", "gone", "1", p, "ABSTTL"));
            assertEquals(":0\r\n", c.call("EXISTS", "gone"));
        }
    }

    @Test
    void migrateMovesKeysBothWays() throws Exception {
        Map<String, String> keys = fill(n, "m:");
        List<String> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", Integer.toString(redis.port), "", "0",
                "5000", "KEYS"));
        migrate.addAll(keys.keySet());
        Map<String, String> before = new LinkedHashMap<>();
        for (var e : keys.entrySet()) {
            before.put(e.getKey(), content(n, e.getKey(), e.getValue()));
        }
        assertEquals("+OK\r\n", n.call(migrate.toArray(String[]::new)));
        for (var e : keys.entrySet()) {
            assertEquals(":0\r\n", n.call("EXISTS", e.getKey()), "moved away: " + e.getKey());
            assertEquals(before.get(e.getKey()), content(r, e.getKey(), e.getValue()), e.getKey());
        }
        // Back again, one key at a time, driven by redis-server.
        for (String key : keys.keySet()) {
            assertEquals("+OK\r\n", r.call("MIGRATE", "127.0.0.1", Integer.toString(node.port()), key, "0",
                    "5000"));
        }
        for (var e : keys.entrySet()) {
            assertEquals(before.get(e.getKey()), content(n, e.getKey(), e.getValue()), e.getKey());
        }
        assertEquals("+NOKEY\r\n", n.call("MIGRATE", "127.0.0.1", Integer.toString(redis.port), "nope", "0",
                "1000"));
    }

    @Test
    void migrateCopyReplaceAuthAndErrors() throws Exception {
        String port = Integer.toString(redis.port);
        n.call("SET", "c1", "node");
        r.call("SET", "c1", "redis");
        assertEquals("-ERR Target instance replied with error: BUSYKEY Target key name already exists.\r\n",
                n.call("MIGRATE", "127.0.0.1", port, "c1", "0", "1000"));
        assertEquals("$4\r\nnode\r\n", n.call("GET", "c1"), "not deleted after an error");
        assertEquals("+OK\r\n", n.call("MIGRATE", "127.0.0.1", port, "c1", "0", "1000", "COPY", "REPLACE"));
        assertEquals("$4\r\nnode\r\n", n.call("GET", "c1"), "COPY keeps it");
        assertEquals("$4\r\nnode\r\n", r.call("GET", "c1"));
        String lockedPort = Integer.toString(locked.port);
        assertTrue(n.call("MIGRATE", "127.0.0.1", lockedPort, "c1", "0", "1000").startsWith(
                "-ERR Target instance replied with error: NOAUTH"));
        assertEquals("+OK\r\n", n.call("MIGRATE", "127.0.0.1", lockedPort, "c1", "0", "1000", "AUTH", "pw"));
        assertEquals(":0\r\n", n.call("EXISTS", "c1"));
        n.call("SET", "c2", "x");
        assertEquals("+OK\r\n", n.call("MIGRATE", "127.0.0.1", lockedPort, "", "0", "1000", "AUTH2", "default",
                "pw", "KEYS", "c2"));
        n.call("SET", "c3", "x");
        assertEquals("-IOERR error or timeout connecting to the client\r\n",
                n.call("MIGRATE", "127.0.0.1", "1", "c3", "0", "1000"));
        assertEquals("$1\r\nx\r\n", n.call("GET", "c3"), "kept when the target cannot be reached");
    }
}
