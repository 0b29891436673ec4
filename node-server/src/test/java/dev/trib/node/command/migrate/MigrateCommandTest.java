package dev.trib.node.command.migrate;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.FakeTarget;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MIGRATE's replies and its exchange with the target, compared with redis-server 7.0 as the source of the very
 * same calls: argument errors, NOKEY, AUTH / AUTH2 / SELECT / RESTORE on the wire (seen by a scripted target),
 * errors from the target, keys deleted only once acknowledged, a cached connection that died being reopened once,
 * and timeouts. Without redis-server on PATH only the node's half runs, checked against the recorded expectations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MigrateCommandTest {
    private NodeServer node;
    private RealRedis redisSource;
    private RealRedis redisTarget;
    /** The sources under test, by name: the node, and redis-server when it is installed. */
    private final Map<String, RespTestClient> sources = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        sources.put("node", new RespTestClient("127.0.0.1", node.port()));
        if (RealRedis.onPath("redis-server") != null) {
            redisSource = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"));
            redisTarget = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"));
            sources.put("redis-server", redisSource.client());
        } else {
            System.err.println("*** redis-server is not on PATH: MIGRATE is NOT compared with redis-server ***");
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (RespTestClient c : sources.values()) {
            c.close();
        }
        if (node != null) {
            node.stop();
        }
        for (RealRedis r : new RealRedis[] {redisSource, redisTarget}) {
            if (r != null) {
                r.close();
            }
        }
    }

    private interface Scenario {
        List<String> run(String source, RespTestClient c) throws Exception;
    }

    /** Runs the scenario on every source; all must give the same transcript, and the node the expected one. */
    private void sameEverywhere(List<String> expected, Scenario s) throws Exception {
        for (var e : sources.entrySet()) {
            assertEquals(expected, s.run(e.getKey(), e.getValue()), e.getKey());
        }
    }

    @Test
    void atoiReadsPortsAsC() {
        assertEquals(6379, MigrateCommand.atoi(b("6379")));
        assertEquals(6379, MigrateCommand.atoi(b("  +6379abc")));
        assertEquals(-5, MigrateCommand.atoi(b("-5")));
        assertEquals(0, MigrateCommand.atoi(b("port")));
        assertEquals(0, MigrateCommand.atoi(b("")));
        assertEquals(Integer.MAX_VALUE, MigrateCommand.atoi(b("99999999999999999999")));
    }

    @Test
    void argumentErrorsAndNokey() throws Exception {
        sameEverywhere(List.of(
                "-ERR value is not an integer or out of range\r\n",
                "-ERR value is not an integer or out of range\r\n",
                "-ERR syntax error\r\n",
                "-ERR syntax error\r\n",
                "-ERR syntax error\r\n",
                "-ERR When using MIGRATE KEYS option, the key argument must be set to the empty string\r\n",
                "+NOKEY\r\n",
                "+NOKEY\r\n",
                "-IOERR error or timeout writing to target instance\r\n",
                "-IOERR error or timeout writing to target instance\r\n",
                "-IOERR error or timeout writing to target instance\r\n",
                "-IOERR error or timeout connecting to the client\r\n",
                "-IOERR error or timeout connecting to the client\r\n",
                "$1\r\nv\r\n"), (name, c) -> {
                    c.call("SET", "argk", "v");
                    return List.of(
                            c.call("MIGRATE", "127.0.0.1", "1", "argk", "0", "soon"),
                            c.call("MIGRATE", "127.0.0.1", "1", "argk", "zero", "1000"),
                            c.call("MIGRATE", "127.0.0.1", "1", "argk", "0", "1000", "AUTH"),
                            c.call("MIGRATE", "127.0.0.1", "1", "argk", "0", "1000", "AUTH2", "user"),
                            c.call("MIGRATE", "127.0.0.1", "1", "argk", "0", "1000", "FAST"),
                            c.call("MIGRATE", "127.0.0.1", "1", "argk", "0", "1000", "KEYS", "argk"),
                            c.call("MIGRATE", "127.0.0.1", "1", "nokey", "0", "1000"),
                            c.call("MIGRATE", "127.0.0.1", "1", "", "0", "1000", "COPY", "KEYS", "n1", "n2"),
                            // The port is read as atoi: "x" is port 0, "1x" is port 1, 65537 is port 1; none
                            // answers, which redis-server only finds out when writing.
                            c.call("MIGRATE", "127.0.0.1", "x", "argk", "0", "1000"),
                            c.call("MIGRATE", "127.0.0.1", "1x", "argk", "0", "1000"),
                            c.call("MIGRATE", "127.0.0.1", "65537", "argk", "0", "1000"),
                            // What does not resolve fails while connecting.
                            c.call("MIGRATE", "127.0.0.1", "-5", "argk", "0", "1000"),
                            c.call("MIGRATE", "", "1", "argk", "0", "1000"),
                            c.call("GET", "argk"));
                });
    }

    @Test
    void exchangeOnTheWireAsRedis() throws Exception {
        sameEverywhere(List.of(
                "+OK\r\n", "$-1\r\n",
                "+OK\r\n", ":0\r\n",
                "-ERR Target instance replied with error: ERR nope\r\n", "$1\r\nb\r\n",
                "+OK\r\n",
                "-ERR Target instance replied with error: WRONGPASS invalid username-password pair\r\n",
                ":1\r\n",
                "AUTH user pw", "SELECT 3", "RESTORE w1 0 <payload> REPLACE",
                "RESTORE w2 <ttl> <payload>", "RESTORE w3 0 <payload>",
                "RESTORE bad 0 <payload>", "RESTORE ok 0 <payload>",
                "SELECT 3", "RESTORE ok2 0 <payload>",
                "AUTH bad", "RESTORE w4 0 <payload>"), (name, c) -> {
                    try (FakeTarget t = new FakeTarget()) {
                        t.script((n, cmd) -> cmd.get(0).equals("RESTORE") && cmd.get(1).equals("bad")
                                ? "-ERR nope\r\n"
                                : cmd.get(0).equals("AUTH") && cmd.get(1).equals("bad")
                                ? "-WRONGPASS invalid username-password pair\r\n" : "+OK\r\n");
                        String port = Integer.toString(t.port());
                        c.call("SET", "w1", "first value");
                        c.call("SET", "w2", "2", "PX", "100000");
                        c.call("SET", "w3", "x".repeat(100));
                        c.call("SET", "bad", "b");
                        c.call("SET", "ok", "o");
                        c.call("SET", "ok2", "o");
                        c.call("SET", "w4", "4");
                        List<String> out = new ArrayList<>();
                        out.add(c.call("MIGRATE", "127.0.0.1", port, "w1", "3", "1000", "AUTH2", "user", "pw",
                                "REPLACE"));
                        out.add(c.call("GET", "w1"));
                        // Same database on the cached connection: no SELECT; missing keys are left out.
                        out.add(c.call("MIGRATE", "127.0.0.1", port, "", "3", "1000", "KEYS", "w2", "nokey", "w3"));
                        out.add(c.call("EXISTS", "w2", "w3"));
                        // A refused key stays; the acknowledged one goes; SELECT is sent again afterwards.
                        out.add(c.call("MIGRATE", "127.0.0.1", port, "", "3", "1000", "KEYS", "bad", "ok"));
                        out.add(c.call("GET", "bad") + (c.call("EXISTS", "ok").equals(":0\r\n") ? "" : "ok kept"));
                        out.add(c.call("MIGRATE", "127.0.0.1", port, "ok2", "3", "1000"));
                        // An AUTH error is the reply, and no key moves.
                        out.add(c.call("MIGRATE", "127.0.0.1", port, "w4", "3", "1000", "AUTH", "bad"));
                        out.add(c.call("EXISTS", "w4"));
                        t.awaitCommands(11);
                        assertEquals(1, t.connections(), name + ": one cached connection");
                        List<List<String>> cmds = t.commands();
                        long ttl = Long.parseLong(cmds.get(3).get(2));
                        assertTrue(ttl > 90_000 && ttl <= 100_000, name + " ttl " + ttl);
                        for (String s : t.summary()) {
                            out.add(s.replace("RESTORE w2 " + ttl + " ", "RESTORE w2 <ttl> "));
                        }
                        return out;
                    }
                });
    }

    /** String payloads are byte for byte what redis-server sends (plain, integer and LZF-compressed strings). */
    @Test
    void stringPayloadsMatchRedisServerByteForByte() throws Exception {
        Assumptions.assumeTrue(redisSource != null, "*** redis-server is not on PATH: SKIPPED ***");
        Map<String, List<List<String>>> seen = new LinkedHashMap<>();
        for (var e : sources.entrySet()) {
            RespTestClient c = e.getValue();
            try (FakeTarget t = new FakeTarget()) {
                c.call("SET", "p1", "plain");
                c.call("SET", "p2", "-32769");
                c.call("SET", "p3", "compressible text ".repeat(30));
                c.call("SET", "p4", "12345678901234567890");
                StringBuilder mixed = new StringBuilder();
                java.util.Random random = new java.util.Random(11);
                while (mixed.length() < 50_000) {
                    mixed.append((char) ('a' + random.nextInt(4)));
                }
                c.call("SET", "p5", mixed.toString());
                assertEquals("+OK\r\n", c.call("MIGRATE", "127.0.0.1", Integer.toString(t.port()), "", "0", "1000",
                        "KEYS", "p1", "p2", "p3", "p4", "p5"));
                t.awaitCommands(6);
                seen.put(e.getKey(), t.commands());
            }
        }
        assertEquals(seen.get("redis-server"), seen.get("node"));
    }

    @Test
    void aClosedCachedConnectionIsReopenedOnce() throws Exception {
        sameEverywhere(List.of("+OK\r\n", ":0\r\n", "2 connections"), (name, c) -> {
            try (FakeTarget t = new FakeTarget()) {
                // The first connection dies on the first command, as a cached one closed by the target would.
                t.script((n, cmd) -> n == 0 ? FakeTarget.CLOSE : "+OK\r\n");
                c.call("SET", "r1", "v");
                return List.of(c.call("MIGRATE", "127.0.0.1", Integer.toString(t.port()), "r1", "0", "2000"),
                        c.call("EXISTS", "r1"), t.connections() + " connections");
            }
        });
    }

    @Test
    void aTargetThatNeverAnswersIsATimeoutNotRetried() throws Exception {
        sameEverywhere(List.of("-IOERR error or timeout reading to target instance\r\n", ":1\r\n", "1 connections"),
                (name, c) -> {
                    try (FakeTarget t = new FakeTarget()) {
                        t.script((n, cmd) -> FakeTarget.SILENT);
                        c.call("SET", "t1", "v");
                        return List.of(c.call("MIGRATE", "127.0.0.1", Integer.toString(t.port()), "t1", "0", "300"),
                                c.call("EXISTS", "t1"), t.connections() + " connections");
                    }
                });
    }

    @Test
    void aTargetThatNeverReadsIsAWriteTimeout() throws Exception {
        sameEverywhere(List.of("-IOERR error or timeout writing to target instance\r\n", ":1\r\n"), (name, c) -> {
            try (FakeTarget t = new FakeTarget()) {
                t.readNothing();
                // Far more than the socket buffers hold; random hex so it does not compress much.
                StringBuilder big = new StringBuilder();
                java.util.Random random = new java.util.Random(3);
                while (big.length() < 16 * 1024 * 1024) {
                    big.append(Long.toHexString(random.nextLong()));
                }
                c.call("SET", "big", big.toString());
                List<String> out = List.of(c.call("MIGRATE", "127.0.0.1", Integer.toString(t.port()), "big", "0",
                        "300"), c.call("EXISTS", "big"));
                c.call("DEL", "big");
                return out;
            }
        });
    }

    /** Against a real target: a refused key stays, the others move; a killed cached connection is reopened. */
    @Test
    void withARealTarget() throws Exception {
        Assumptions.assumeTrue(redisTarget != null, "*** redis-server is not on PATH: SKIPPED ***");
        String port = Integer.toString(redisTarget.port);
        try (RespTestClient target = redisTarget.client()) {
            sameEverywhere(List.of(
                    "-ERR Target instance replied with error: BUSYKEY Target key name already exists.\r\n",
                    ":0\r\n", ":1\r\n", ":0\r\n", "$1\r\nA\r\n", "$1\r\nC\r\n", "$7\r\ntarget!\r\n",
                    "+OK\r\n", "+OK\r\n", "$2\r\nk2\r\n"), (name, c) -> {
                        target.call("FLUSHALL");
                        target.call("SET", "b", "target!");
                        c.call("MSET", "a", "A", "b", "B", "c", "C");
                        List<String> out = new ArrayList<>();
                        out.add(c.call("MIGRATE", "127.0.0.1", port, "", "0", "2000", "KEYS", "a", "b", "c"));
                        out.add(c.call("EXISTS", "a"));
                        out.add(c.call("EXISTS", "b"));
                        out.add(c.call("EXISTS", "c"));
                        out.add(target.call("GET", "a"));
                        out.add(target.call("GET", "c"));
                        out.add(target.call("GET", "b"));
                        c.call("DEL", "b");
                        c.call("SET", "k1", "k1");
                        c.call("SET", "k2", "k2");
                        out.add(c.call("MIGRATE", "127.0.0.1", port, "k1", "0", "2000"));
                        // The target drops the source's cached connection; the next MIGRATE reconnects by itself.
                        target.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
                        out.add(c.call("MIGRATE", "127.0.0.1", port, "k2", "0", "2000"));
                        out.add(target.call("GET", "k2"));
                        return out;
                    });
        }
    }

    @Test
    void commandMetadataAndInfoAsRedis() throws Exception {
        sameEverywhere(List.of(
                "*1\r\n*10\r\n$7\r\nmigrate\r\n:-6\r\n*2\r\n+write\r\n+movablekeys\r\n:3\r\n:3\r\n:1\r\n",
                "*2\r\n$1\r\nx\r\n$1\r\ny\r\n", "*1\r\n$1\r\nk\r\n", "*1\r\n$1\r\nk\r\n",
                "*1\r\n$0\r\n\r\n", "*1\r\n$0\r\n\r\n", "-ERR Invalid arguments specified for command\r\n",
                "*1\r\n$0\r\n\r\n", "*1\r\n$4\r\nkeys\r\n", "-ERR Invalid arguments specified for command\r\n",
                "-ERR The command has no key arguments\r\n",
                "-ERR wrong number of arguments for 'command|getkeys' command\r\n",
                "migrate_cached_sockets>0"), (name, c) -> {
                    try (FakeTarget t = new FakeTarget()) {
                        c.call("SET", "i1", "v");
                        c.call("MIGRATE", "127.0.0.1", Integer.toString(t.port()), "i1", "0", "1000");
                        String info = c.call("INFO", "stats");
                        int at = info.indexOf("migrate_cached_sockets:");
                        String migrateInfo = c.call("COMMAND", "INFO", "migrate");
                        return List.of(
                                migrateInfo.substring(0, migrateInfo.indexOf(":1\r\n") + 4),
                                c.call("COMMAND", "GETKEYS", "MIGRATE", "h", "1", "", "0", "1000", "AUTH2", "a", "b",
                                        "KEYS", "x", "y"),
                                c.call("COMMAND", "GETKEYS", "MIGRATE", "h", "1", "k", "0", "1000", "COPY"),
                                c.call("COMMAND", "GETKEYS", "RESTORE-ASKING", "k", "0", "payload"),
                                // The empty key argument is a key unless KEYS follows; AUTH's value is not KEYS.
                                c.call("COMMAND", "GETKEYS", "MIGRATE", "h", "1", "", "0", "1000"),
                                c.call("COMMAND", "GETKEYS", "MIGRATE", "h", "1", "", "0", "1000", "AUTH", "keys",
                                        "COPY"),
                                c.call("COMMAND", "GETKEYS", "MIGRATE", "h", "1", "k", "0", "1000", "KEYS", "a"),
                                // A KEYS word last is not found by the key specs; as the key itself it is.
                                c.call("COMMAND", "GETKEYS", "MIGRATE", "h", "1", "", "0", "1000", "KEYS"),
                                c.call("COMMAND", "GETKEYS", "MIGRATE", "h", "1", "keys", "0", "1000"),
                                c.call("COMMAND", "GETKEYS", "MIGRATE", "h", "1", "", "0", "1000", "AUTH", "KEYS",
                                        "KEYS"),
                                c.call("COMMAND", "GETKEYS", "PING", "a", "b", "c"),
                                c.call("COMMAND", "GETKEYS", "GET"),
                                // Connections of earlier tests may still be cached (10 s), so only "some".
                                Integer.parseInt(info.substring(at + 23, info.indexOf("\r\n", at))) > 0
                                        ? "migrate_cached_sockets>0" : info.substring(at, info.indexOf("\r\n", at)));
                    }
                });
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
