package dev.trib.node.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset of every type and the encodings a server picks for small and large values, and a
 * server-independent picture of a whole dataset for comparing two servers (or one before and after
 * a restart).
 */
public final class Datasets {
    /** PTTL difference tolerated between two pictures: round trips and restart time, not clock skew. */
    public static final long TTL_TOLERANCE_MS = 5000;

    private Datasets() {
    }

    /** Strings (small, integer, compressible, large), lists, sets, hashes and zsets, small and large, some with TTLs. */
    public static void fill(RespTestClient c, String prefix) throws IOException {
        c.call("SET", prefix + "s:small", "abc");
        c.call("SET", prefix + "s:int", "-1234567");
        c.call("SET", prefix + "s:long-int", "12345678901");
        c.call("SET", prefix + "s:lzf", "compressible ".repeat(400));
        c.call("SET", prefix + "s:large", "0123456789abcdefghij".repeat(30_000));
        c.call("SET", prefix + "s:binary", "\0\1\2\377\r\n");
        c.call("SET", prefix + "s:ttl", "soon", "PX", "100000");
        c.call("RPUSH", prefix + "l:small", "a", "1", "-70000", "b");
        c.call(with("RPUSH", prefix + "l:big", numbered("item-", 5000)));
        c.call("RPUSH", prefix + "l:huge-element", "x".repeat(100_000), "tail");
        c.call("SADD", prefix + "set:int", "1", "2", "300", "-4", "70000", "5000000000");
        c.call("SADD", prefix + "set:str", "a", "b", "c");
        c.call(with("SADD", prefix + "set:big", numbered("m", 1000)));
        c.call("HSET", prefix + "h:small", "f1", "v1", "f2", "12", "f3", "-3");
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            fields.add("f" + i);
            fields.add("value-" + i);
        }
        c.call(with("HSET", prefix + "h:big", fields));
        c.call("ZADD", prefix + "z:small", "1", "a", "2.5", "b", "-inf", "c", "1e20", "d");
        List<String> scored = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            scored.add(Double.toString(i * 0.5));
            scored.add("member-" + i);
        }
        c.call(with("ZADD", prefix + "z:big", scored));
        for (String k : List.of("l:small", "set:int", "h:big", "z:small")) {
            c.call("PEXPIRE", prefix + k, "90000");
        }
    }

    /** {@link #fill}, then each of the keys it made with its type. */
    public static Map<String, String> fillTyped(RespTestClient c, String prefix) throws IOException {
        fill(c, prefix);
        Map<String, String> types = new TreeMap<>();
        for (String key : bulks(c.call("KEYS", prefix + "*"))) {
            types.put(key, c.call("TYPE", key).substring(1).trim());
        }
        return types;
    }

    public static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    public static String[] with(String command, String key, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command, key));
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    /** A key's type and value, and its PTTL (-1 without a TTL). */
    public record Entry(String type, String value, long pttl) {
    }

    /** Every key with its type, value (in an order-independent form) and PTTL. */
    public static Map<String, Entry> picture(RespTestClient c) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        for (String key : bulks(c.call("KEYS", "*"))) {
            String type = c.call("TYPE", key).substring(1).trim();
            String value = switch (type) {
                case "string" -> c.call("GET", key);
                case "list" -> c.call("LRANGE", key, "0", "-1");
                case "set" -> sortedLines(c.call("SMEMBERS", key));
                case "hash" -> sortedLines(c.call("HGETALL", key));
                case "zset" -> c.call("ZRANGE", key, "0", "-1", "WITHSCORES");
                default -> throw new AssertionError("unexpected type " + type + " of " + key);
            };
            out.put(key, new Entry(type, value, Long.parseLong(c.call("PTTL", key).substring(1).trim())));
        }
        return out;
    }

    /** Fails unless both pictures hold the same keys, types and values, and TTLs within the tolerance. */
    public static void assertSame(Map<String, Entry> expected, Map<String, Entry> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            throw new AssertionError("keys differ: expected " + expected.keySet() + " but got " + actual.keySet());
        }
        for (var e : expected.entrySet()) {
            Entry want = e.getValue();
            Entry got = actual.get(e.getKey());
            if (!want.type().equals(got.type()) || !want.value().equals(got.value())) {
                throw new AssertionError("value of " + e.getKey() + " differs (" + want.type() + " vs " + got.type()
                        + ")");
            }
            boolean ttlOk = want.pttl() < 0 ? got.pttl() == want.pttl()
                    : got.pttl() > 0 && Math.abs(want.pttl() - got.pttl()) <= TTL_TOLERANCE_MS;
            if (!ttlOk) {
                throw new AssertionError("TTL of " + e.getKey() + ": " + want.pttl() + " vs " + got.pttl());
            }
        }
    }

    /** The bulk strings of a flat array reply. */
    public static List<String> bulks(String wire) {
        List<String> out = new ArrayList<>();
        int p = wire.indexOf("\r\n") + 2;
        while (p < wire.length()) {
            int nl = wire.indexOf("\r\n", p);
            int len = Integer.parseInt(wire.substring(p + 1, nl));
            out.add(wire.substring(nl + 2, nl + 2 + len));
            p = nl + 2 + len + 2;
        }
        return out;
    }

    private static String sortedLines(String wire) {
        String[] lines = wire.split("\r\n");
        Arrays.sort(lines);
        return String.join("\n", lines);
    }
}
