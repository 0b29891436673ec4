package dev.trib.node.rdb;

import dev.trib.planner.rdb.Crc64;
import dev.trib.planner.rdb.RdbInput;
import dev.trib.planner.rdb.RdbTypes;

import dev.trib.node.keyspace.StringValue;
import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Datasets;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DUMP payloads and MIGRATE between a real redis-server 7.0 and the node, both ways, for every type and the
 * encodings redis-server picks (listpack, intset, hashtable, skiplist, quicklist with compressed and plain nodes,
 * LZF-compressed and integer strings).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RdbInteropTest {
    /** PTTL drift allowed between the two servers: the test's own round trips, not clock skew. */
    private static final long TTL_TOLERANCE_MS = 2000;

    private RealRedis redis;
    private RealRedis locked;
    private NodeServer node;
    private RespTestClient r;
    private RespTestClient n;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server is not on PATH: the RDB interop tests against real Redis are SKIPPED ***");
        // DEBUG is needed for QUICKLIST-PACKED-THRESHOLD, the only way to make redis-server 7.0 write plain nodes.
        redis = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"), "--enable-debug-command", "yes");
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

    private static String[] command(String name, String key, List<String> args) {
        List<String> all = new ArrayList<>(List.of(name, key));
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    /** More keys only redis-server makes, each checked to have the encoding named, some with a TTL. */
    private Map<String, String> fillRedisOnly(String prefix) throws IOException {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> encodings = new LinkedHashMap<>();
        r.call("CONFIG", "SET", "list-compress-depth", "1");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            items.add("compressed-node-item-" + i);
        }
        r.call(command("RPUSH", prefix + "l:compressed-nodes", items));
        r.call("CONFIG", "SET", "list-compress-depth", "0");
        r.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1000");
        r.call("RPUSH", prefix + "l:plain-nodes", "head", "p".repeat(3000), "q".repeat(100_000), "tail");
        r.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", Integer.toString(1 << 30));
        r.call("RPUSH", prefix + "l:ints", "0", "127", "-4096", "4095", "32767", "-8388608", "2147483647",
                "-9223372036854775808", "9223372036854775807", "y".repeat(63), "y".repeat(64), "y".repeat(5000));
        r.call("SADD", prefix + "set:int16", "1", "-32768");
        r.call("SADD", prefix + "set:int64", "1", "-9223372036854775808");
        r.call("HSET", prefix + "h:long-value", "f", "v".repeat(65), "g", "12");
        r.call("ZADD", prefix + "z:long-member", "1", "m".repeat(65), "2", "x");
        r.call("ZADD", prefix + "z:int-scores", "1", "a", "-7", "b", "100000", "c", "0.1", "d");
        r.call("SET", prefix + "s:long-int", "12345678901");
        r.call("SET", prefix + "s:incompressible", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        types.put(prefix + "l:compressed-nodes", "list");
        types.put(prefix + "l:plain-nodes", "list");
        types.put(prefix + "l:ints", "list");
        types.put(prefix + "set:int16", "set");
        types.put(prefix + "set:int64", "set");
        types.put(prefix + "h:long-value", "hash");
        types.put(prefix + "z:long-member", "zset");
        types.put(prefix + "z:int-scores", "zset");
        types.put(prefix + "s:long-int", "string");
        types.put(prefix + "s:incompressible", "string");
        encodings.put(prefix + "set:int16", "intset");
        encodings.put(prefix + "set:int64", "intset");
        encodings.put(prefix + "h:long-value", "hashtable");
        encodings.put(prefix + "z:long-member", "skiplist");
        encodings.put(prefix + "z:int-scores", "listpack");
        encodings.put(prefix + "l:plain-nodes", "quicklist");
        for (var e : encodings.entrySet()) {
            assertEquals("$" + e.getValue().length() + "\r\n" + e.getValue() + "\r\n",
                    r.call("OBJECT", "ENCODING", e.getKey()), e.getKey());
        }
        for (String k : List.of("l:ints", "set:int16", "h:long-value", "z:int-scores")) {
            r.call("PEXPIRE", prefix + k, "80000");
        }
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

    /** PTTL, with -1 (no expiry) as is. */
    private static long pttl(RespTestClient c, String key) throws IOException {
        return Long.parseLong(c.call("PTTL", key).substring(1).trim());
    }

    /** Container kind of each node of a quicklist-2 payload. */
    private static List<Long> containers(String payload) {
        byte[] b = payload.getBytes(StandardCharsets.ISO_8859_1);
        RdbInput in = new RdbInput(b, 0, b.length - 10);
        assertEquals(RdbTypes.LIST_QUICKLIST_2, in.u8());
        List<Long> out = new ArrayList<>();
        for (long nodes = in.length(); nodes > 0; nodes--) {
            out.add(in.length());
            in.string();
        }
        return out;
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyTypeAndEncodingCrossesBothWays() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>(Datasets.fillTyped(r, "k:"));
        keys.putAll(fillRedisOnly("k:"));
        for (var e : keys.entrySet()) {
            String key = e.getKey();
            String type = e.getValue();
            long ttl = pttl(r, key);
            String dump = payload(r.call("DUMP", key));
            if (key.endsWith("l:plain-nodes")) {
                assertTrue(containers(dump).contains((long) RdbTypes.NODE_PLAIN), "redis-server wrote plain nodes");
            }
            assertEquals("+OK\r\n", n.call("RESTORE", key, Long.toString(Math.max(0, ttl)), dump), key);
            String expected = content(r, key, type);
            assertEquals(expected, content(n, key, type), key);
            long nodeTtl = pttl(n, key);
            assertTrue(ttl < 0 ? nodeTtl == -1 : Math.abs(ttl - nodeTtl) <= TTL_TOLERANCE_MS,
                    key + " TTL " + ttl + " on redis-server, " + nodeTtl + " on the node");
            // Back: the node's payload restored into redis-server, and into the node itself, under other names.
            String back = payload(n.call("DUMP", key));
            assertEquals("+OK\r\n", r.call("RESTORE", key + ":back", "0", back), key);
            assertEquals(expected, content(r, key + ":back", type), key);
            assertEquals("+OK\r\n", n.call("RESTORE", key + ":again", "0", back), key);
            assertEquals(expected, content(n, key + ":again", type), key);
        }
        long ttl = pttl(n, "k:s:ttl");
        assertTrue(ttl > 90_000 && ttl <= 100_000, "TTL kept: " + ttl);
    }

    @Test
    void stringDumpsAreByteIdenticalToRedisServers() throws Exception {
        List<String> values = new ArrayList<>(List.of("", "abc", "0", "-128", "-1234567", "2147483647",
                "2147483648", "007", "12345678901", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "x".repeat(21), "ab".repeat(30), "compressible text ".repeat(30), "y".repeat(100_000),
                "a".repeat(20), "abcd".repeat(6)));
        // Random text over small alphabets: many matches of every length and offset, runs hitting 32 literals,
        // and strings that only just compress or just fail to.
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            int alphabet = 1 + random.nextInt(random.nextBoolean() ? 4 : 60);
            char[] text = new char[21 + random.nextInt(i < 250 ? 200 : 20_000)];
            for (int k = 0; k < text.length; k++) {
                text[k] = (char) ('!' + random.nextInt(alphabet));
            }
            values.add(new String(text));
        }
        for (String v : values) {
            r.call("SET", "same", v);
            n.call("SET", "same", v);
            assertEquals(r.call("DUMP", "same"), n.call("DUMP", "same"), v.length() > 60 ? v.substring(0, 60) : v);
        }
    }

    /** One payload, many malformed or unusual RESTORE calls: both servers must answer the same. */
    @Test
    void restoreRepliesAsRedisDoes() throws Exception {
        String p = latin1(DumpPayload.dump(new StringValue("v".getBytes(StandardCharsets.US_ASCII))));
        String crcBroken = p.substring(0, p.length() - 1) + (char) (p.charAt(p.length() - 1) ^ 1);
        String trailing = latin1(seal("\0\3abcX"));
        String footerOnly = latin1(seal(""));
        String duplicateMembers = latin1(seal("\2\2\1a\1a"));
        byte[] v11 = DumpPayload.dump(new StringValue(new byte[] {'x'}));
        v11[v11.length - 10] = 11;
        String future = Long.toString(System.currentTimeMillis() + 100_000);
        List<List<String>> calls = List.of(
                List.of("SET", "busy", "1"),
                List.of("RESTORE", "busy", "0", p),
                List.of("RESTORE", "busy", "-1", p),
                List.of("RESTORE", "busy", "abc", crcBroken),
                List.of("RESTORE", "busy", "0", p, "FOO"),
                List.of("RESTORE", "new", "-1", p),
                List.of("RESTORE", "new", "abc", p),
                List.of("RESTORE", "new", "0", crcBroken),
                List.of("RESTORE", "new", "0", "123456789"),
                List.of("RESTORE", "new", "0", footerOnly),
                List.of("RESTORE", "new", "0", latin1(v11)),
                List.of("RESTORE", "new", "0", duplicateMembers),
                List.of("RESTORE", "new", "0", p, "IDLETIME", "x"),
                List.of("RESTORE", "new", "0", p, "IDLETIME", "-1"),
                List.of("RESTORE", "new", "0", p, "FREQ", "256"),
                List.of("RESTORE", "new", "0", p, "IDLETIME", "1", "FREQ", "2"),
                List.of("RESTORE", "new", "0", p, "IDLETIME"),
                List.of("RESTORE", "new"),
                List.of("EXISTS", "new"),
                List.of("RESTORE", "idle", "0", p, "IDLETIME", "10", "REPLACE"),
                List.of("RESTORE", "freq", "0", p, "FREQ", "5"),
                List.of("RESTORE", "asking", "0", p),
                List.of("RESTORE-ASKING", "asking2", "0", trailing),
                List.of("GET", "asking2"),
                List.of("RESTORE", "busy", "0", p, "REPLACE"),
                List.of("GET", "busy"),
                List.of("DUMP", "missing"),
                List.of("RESTORE", "gone", "1", p, "ABSTTL"),
                List.of("EXISTS", "gone"),
                List.of("RESTORE", "busy", "1", p, "ABSTTL", "REPLACE"),
                List.of("EXISTS", "busy"),
                List.of("RESTORE", "later", future, p, "ABSTTL"),
                List.of("RESTORE", "overflow", Long.toString(Long.MAX_VALUE), p),
                List.of("EXISTS", "later", "overflow"));
        for (List<String> call : calls) {
            String[] args = call.toArray(String[]::new);
            String what = String.join(" ", call).replace(p, "<payload>");
            assertEquals(r.call(args), n.call(args), what);
        }
        assertEquals("-BUSYKEY Target key name already exists.\r\n", n.call("RESTORE", "asking", "-1", p));
        assertEquals("-ERR Invalid TTL value, must be >= 0\r\n", n.call("RESTORE", "new", "-1", p));
        assertEquals("-ERR DUMP payload version or checksum are wrong\r\n", n.call("RESTORE", "new", "0", crcBroken));
        assertEquals("-ERR Bad data format\r\n", n.call("RESTORE", "new", "0", footerOnly));
        long later = pttl(n, "later");
        assertTrue(later > 90_000 && later <= 100_000, "ABSTTL in the future: " + later);
    }

    private static byte[] seal(String object) {
        byte[] body = object.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(body, body.length + 10);
        out[body.length] = (byte) DumpPayload.RDB_VERSION;
        long crc = Crc64.of(out, 0, body.length + 2);
        for (int i = 0; i < 8; i++) {
            out[body.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    @Test
    void migrateMovesKeysBothWays() throws Exception {
        Map<String, String> keys = Datasets.fillTyped(n, "m:");
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
        r.call("SET", "c3", "x");
        // Nothing listens on port 1: whatever redis-server answers, the node must answer too.
        assertEquals(r.call("MIGRATE", "127.0.0.1", "1", "c3", "0", "1000"),
                n.call("MIGRATE", "127.0.0.1", "1", "c3", "0", "1000"));
        assertEquals("$1\r\nx\r\n", n.call("GET", "c3"), "kept when the target cannot be reached");
    }
}
