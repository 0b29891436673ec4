package dev.trib.node.command.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.RespTestClient;
import dev.trib.node.support.SideBySide;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SLOWLOG, LATENCY, MONITOR, MEMORY and the HELP replies against redis-server 7.0. Timestamps, durations and client
 * ports differ by nature and are masked; everything else must be byte-identical.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ObserveDifferentialTest {

    private static String masked(String reply) {
        return reply.replaceAll("(\\*6\\r\\n:\\d+\\r\\n):\\d+\\r\\n:\\d+\\r\\n", "$1:T\r\n:D\r\n")
                .replaceAll("\\$\\d+\\r\\n127\\.0\\.0\\.1:\\d+\\r\\n", "\\$P\r\n127.0.0.1:P\r\n")
                .replaceAll("\\+\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] ", "+T [0 P] ");
    }

    @Test
    void helpRepliesAreRedisOwn() throws Exception {
        List<String[]> script = new ArrayList<>();
        for (String c : new String[] {"client", "command", "config", "memory", "object", "pubsub", "acl",
            "latency", "slowlog", "CLIENT", "Object"}) {
            script.add(new String[] {c, "help"});
        }
        script.add(new String[] {"object", "help", "extra"});
        script.add(new String[] {"slowlog", "nope"});
        script.add(new String[] {"latency", "nope"});
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(script, diff);
            both.run(script, diff, 3);
            diff.assertNone();
        }
    }

    @Test
    void clusterHelpIsRedisOwn() throws Exception {
        try (SideBySide both = SideBySide.clusterWithAllSlots()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(List.<String[]>of(new String[] {"cluster", "help"}), diff);
            diff.assertNone();
        }
    }

    @Test
    void slowLogMatchesRedis() throws Exception {
        List<String[]> script = new ArrayList<>();
        for (String line : new String[] {
            "SLOWLOG RESET", "SLOWLOG LEN", "SLOWLOG GET", "CONFIG SET slowlog-log-slower-than 0", "SET a b",
            "GET a", "CLIENT SETNAME tester", "RPUSH l 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25"
                + " 26 27 28 29 30 31 32 33 34 35", "SET long " + "x".repeat(200), "MULTI", "INCR n", "EXEC",
            "SLOWLOG LEN", "SLOWLOG GET 3", "SLOWLOG GET -1", "SLOWLOG GET -2", "SLOWLOG GET x", "SLOWLOG GET 1 2",
            "CONFIG SET slowlog-max-len 2", "SET c d", "SLOWLOG LEN", "SLOWLOG GET", "SLOWLOG RESET", "SLOWLOG LEN",
            "CONFIG SET slowlog-log-slower-than -1", "SET e f", "SLOWLOG LEN", "CONFIG GET slowlog-max-len",
            "SLOWLOG LEN extra", "SLOWLOG"}) {
            script.add(line.split(" ", -1));
        }
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            try (RespTestClient r = new RespTestClient(SideBySide.HOST, both.redis.port);
                 RespTestClient n = new RespTestClient(SideBySide.HOST, both.node.port())) {
                for (String[] command : script) {
                    diff.compare(String.join(" ", command), masked(r.call(command)), masked(n.call(command)));
                }
            }
            diff.assertNone();
        }
    }

    @Test
    void monitorShowsWhatRedisShows() throws Exception {
        String[][] commands = {
            {"SET", "k", "v"}, {"SET", "bin", "a\"b\\c\r\n\t\u0001\u00ff"}, {"GET", "k"}, {"CONFIG", "GET", "port"},
            {"GET"}, {"NOSUCH"}, {"MULTI"}, {"INCR", "n"}, {"LPUSH", "l", "x"}, {"EXEC"}, {"PING"},
            {"GEOADD", "g", "1", "2", "m"}, {"ECHO", ""}};
        try (SideBySide both = SideBySide.standalone()) {
            assertEquals(monitored(both.redis.port, commands), monitored(both.node.port(), commands));
        }
    }

    /** What a MONITOR client received while another connection sent the commands. */
    private static List<String> monitored(int port, String[][] commands) throws Exception {
        List<String> lines = new ArrayList<>();
        try (RespTestClient monitor = new RespTestClient(SideBySide.HOST, port);
             RespTestClient client = new RespTestClient(SideBySide.HOST, port)) {
            assertEquals("+OK\r\n", monitor.call("MONITOR"));
            for (String[] c : commands) {
                client.call(c);
            }
            // A blocking command is shown when it is called, not when it is served.
            client.send(dev.trib.node.support.Resp.command("BLPOP", "q", "0"));
            try (RespTestClient pusher = new RespTestClient(SideBySide.HOST, port)) {
                dev.trib.node.support.Poll.until(java.time.Duration.ofSeconds(20), "BLPOP to block",
                        () -> pusher.call("INFO", "clients").contains("blocked_clients:1"));
                pusher.call("RPUSH", "q", "x");
            }
            client.readReply();
            client.call("ECHO", "end-of-test");
            for (String line = ""; !line.contains("end-of-test"); ) {
                line = monitor.readReply();
                if (!line.contains("\"INFO\" \"clients\"")) { // polled as often as each machine needs
                    lines.add(masked(line));
                }
            }
        }
        return lines;
    }

    @Test
    void latencyMonitorMatchesRedis() throws Exception {
        List<String[]> script = new ArrayList<>();
        for (String line : new String[] {"LATENCY LATEST", "LATENCY DOCTOR", "LATENCY HISTORY command",
            "LATENCY RESET", "LATENCY GRAPH command", "CONFIG SET latency-monitor-threshold 1000000",
            "LATENCY DOCTOR", "LATENCY RESET command", "LATENCY HISTOGRAM nosuch", "LATENCY HISTORY",
            "LATENCY GRAPH", "LATENCY LATEST x", "CONFIG GET latency-monitor-threshold"}) {
            script.add(line.split(" ", -1));
        }
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(script, diff);
            both.run(script.subList(0, 2), diff, 3);
            diff.assertNone();
        }
    }

    @Test
    void latencyEventsAndHistogramsAreRecorded() throws Exception {
        try (SideBySide both = SideBySide.standalone();
             RespTestClient n = new RespTestClient(SideBySide.HOST, both.node.port())) {
            n.call("CONFIG", "SET", "latency-monitor-threshold", "1");
            List<String> add = new ArrayList<>(List.of("SADD", "big"));
            for (int i = 0; i < 200_000; i++) {
                add.add("m" + i);
            }
            n.call(add.toArray(String[]::new)); // slow enough for a 1 ms threshold on any machine
            String latest = n.call("LATENCY", "LATEST");
            assertTrue(latest.contains("*4\r\n$12\r\nfast-command\r\n"), latest); // SADD is fast
            String graph = n.call("LATENCY", "GRAPH", "fast-command");
            assertTrue(graph.contains("fast-command - high "), graph);
            assertTrue(n.call("LATENCY", "HISTORY", "fast-command").startsWith("*1\r\n*2\r\n:"));
            // On a loaded machine a slow CONFIG SET may add a "command" event: the doctor numbers the events.
            assertTrue(n.call("LATENCY", "DOCTOR").contains(". fast-command: 1 latency spikes"));
            String histogram = n.call("LATENCY", "HISTOGRAM", "sadd");
            assertTrue(histogram.startsWith("*2\r\n$4\r\nsadd\r\n*4\r\n$5\r\ncalls\r\n:1\r\n$14\r\nhistogram_usec"),
                    histogram);
            n.call("CONFIG", "SET", "latency-monitor-threshold", "0"); // no new samples on a loaded machine
            assertTrue(n.call("LATENCY", "RESET").matches(":[12]\r\n")); // fast-command, maybe command too
            assertEquals("*0\r\n", n.call("LATENCY", "LATEST"));
        }
    }

    @Test
    void memoryStatsHaveRedisFields() throws Exception {
        try (SideBySide both = SideBySide.standalone();
             RespTestClient r = new RespTestClient(SideBySide.HOST, both.redis.port);
             RespTestClient n = new RespTestClient(SideBySide.HOST, both.node.port())) {
            assertEquals(fieldNames(r.call("MEMORY", "STATS")), fieldNames(n.call("MEMORY", "STATS")));
            r.call("HELLO", "3");
            n.call("HELLO", "3");
            String theirs = r.call("MEMORY", "STATS");
            String ours = n.call("MEMORY", "STATS");
            assertEquals(fieldNames(theirs), fieldNames(ours));
            assertEquals(theirs.substring(0, 4), ours.substring(0, 4)); // a map of as many fields
            assertEquals(theirs.replaceAll("[0-9.e+-]+", "N"), ours.replaceAll("[0-9.e+-]+", "N"));
            assertTrue(n.call("MEMORY", "DOCTOR").startsWith("=")); // verbatim text in RESP3
            assertTrue(n.call("MEMORY", "MALLOC-STATS").contains("JVM"));
            assertEquals(r.call("MEMORY", "STATS", "x"), n.call("MEMORY", "STATS", "x"));
        }
    }

    private static List<String> fieldNames(String reply) {
        List<String> out = new ArrayList<>();
        for (String part : reply.split("\r\n")) {
            if (part.matches("[a-z][a-z0-9.-]*\\.[a-z0-9.-]+|fragmentation")) {
                out.add(part);
            }
        }
        return out;
    }
}
