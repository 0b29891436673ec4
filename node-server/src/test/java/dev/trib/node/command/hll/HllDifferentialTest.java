package dev.trib.node.command.hll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.support.ReplicaStream;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.RespTestClient;
import dev.trib.node.support.SideBySide;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * HyperLogLog against redis-server 7.0: the same adds must leave byte-identical strings (sparse runs, the switch to
 * dense, the cached estimate), the same estimates and errors; values move both ways with DUMP/RESTORE; and the
 * replication stream carries the same commands (PFCOUNT included when it refreshes the cache).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HllDifferentialTest {
    private static final List<String[]> SCRIPT = new ArrayList<>();

    private static void c(String line) {
        SCRIPT.add(line.split(" ", -1));
    }

    /** PFADD key e<from> .. e<to-1> as one command. */
    private static void addRange(String key, int from, int to) {
        List<String> args = new ArrayList<>(List.of("PFADD", key));
        for (int i = from; i < to; i++) {
            args.add("e" + i);
        }
        SCRIPT.add(args.toArray(String[]::new));
    }

    static {
        c("PFADD h");
        c("GET h");
        c("PFCOUNT h");
        c("GET h");
        c("PFADD h a");
        c("PFADD h a");
        c("GET h");
        c("PFADD h b c d e f g h i j");
        c("GET h");
        c("PFCOUNT h");
        c("PFCOUNT h");
        c("GET h");
        c("PFADD h ");
        c("PFDEBUG DECODE h");
        c("PFDEBUG ENCODING h");
        for (int size : new int[] {10, 50, 100, 300, 600, 1000, 2000}) {
            addRange("s" + size, 0, size);
            c("GET s" + size);
            c("PFCOUNT s" + size);
            c("GET s" + size);
            c("PFDEBUG ENCODING s" + size);
        }
        c("PFDEBUG DECODE s100");
        // Grown step by step across the sparse limit, then dense.
        for (int from = 0; from < 4000; from += 250) {
            addRange("g", from, from + 250);
            c("PFDEBUG ENCODING g");
            c("PFCOUNT g");
        }
        c("GET g");
        addRange("big", 0, 30000);
        c("PFCOUNT big");
        c("GET big");
        c("PFCOUNT s10 s100 big missing");
        c("PFCOUNT s10 s50");
        c("PFCOUNT missing nothing");
        c("PFMERGE m1 s10 s50");
        c("GET m1");
        c("PFCOUNT m1");
        c("PFMERGE m2 s100 big");
        c("GET m2");
        c("PFMERGE m1 s300");
        c("GET m1");
        c("PFMERGE m3");
        c("GET m3");
        c("PFMERGE m4 missing");
        c("GET m4");
        c("PFDEBUG TODENSE s50");
        c("PFDEBUG TODENSE s50");
        c("GET s50");
        c("PFDEBUG DECODE s50");
        c("PFDEBUG GETREG s10");
        c("PFDEBUG ENCODING s10");
        c("PFDEBUG NOSUCH s10");
        c("PFDEBUG GETREG missing");
        c("PFDEBUG GETREG");
        c("PFDEBUG GETREG s10 extra");
        // Wrong types and strings that are not HLLs.
        c("SET str hello");
        c("SET num 12345");
        c("SET fake HYLLxxxxxxxxxxxxxxxxxx");
        c("LPUSH list a");
        c("PFADD str a");
        c("PFADD num a");
        c("PFADD list a");
        c("PFADD fake a");
        c("PFCOUNT str");
        c("PFCOUNT list");
        c("PFCOUNT s10 str");
        c("PFCOUNT s10 list");
        c("PFMERGE str s10");
        c("PFMERGE list s10");
        c("PFMERGE m5 s10 str");
        c("EXISTS m5");
        c("PFDEBUG ENCODING str");
        // A corrupt sparse body behind a valid header: the registers do not add up to 16384.
        c("SET bad HYLL\u0001\0\0\0\0\0\0\0\0\0\0\u0080\u0080");
        c("PFCOUNT bad");
        c("PFADD bad x");
        c("PFCOUNT bad s10");
        c("PFMERGE m6 bad");
        c("PFDEBUG TODENSE bad");
        // A dense one of the wrong size.
        c("SET baddense HYLL\0\0\0\0\0\0\0\0\0\0\0\0abc");
        c("PFCOUNT baddense");
        // Arity.
        c("PFADD");
        c("PFCOUNT");
        c("PFMERGE");
        c("PFDEBUG");
        c("PFSELFTEST x");
        // A TTL survives an update.
        c("PFADD ttl a");
        c("EXPIRE ttl 1000");
        c("PFADD ttl b");
        c("TTL ttl");
        // A lower sparse limit makes the switch to dense earlier.
        c("CONFIG SET hll-sparse-max-bytes 100");
        addRange("low", 0, 60);
        c("PFDEBUG ENCODING low");
        c("GET low");
        c("CONFIG SET hll-sparse-max-bytes 3000");
        c("CONFIG GET hll-sparse-max-bytes");
    }

    /** The script in RESP2, and again in RESP3 (where Redis changes some reply types). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void repliesAndStoredBytesMatchRedis(int protocol) throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(SCRIPT, diff, protocol);
            diff.assertNone();
        }
    }

    @Test
    void selfTestPasses() throws Exception {
        try (SideBySide both = SideBySide.standalone();
             RespTestClient node = new RespTestClient(SideBySide.HOST, both.node.port())) {
            assertEquals("+OK\r\n", node.call("PFSELFTEST"));
        }
    }

    @Test
    void hllsMoveBothWaysWithDumpAndRestore() throws Exception {
        try (SideBySide both = SideBySide.standalone();
             RespTestClient redis = new RespTestClient(SideBySide.HOST, both.redis.port);
             RespTestClient node = new RespTestClient(SideBySide.HOST, both.node.port())) {
            for (int size : new int[] {5, 500, 20000}) {
                String[] add = new String[size + 2];
                add[0] = "PFADD";
                add[1] = "k" + size;
                for (int i = 0; i < size; i++) {
                    add[i + 2] = "x" + i;
                }
                redis.call(add);
                String key = "k" + size;
                // redis-server -> node
                String payload = bulkBody(redis.call("DUMP", key));
                assertEquals("+OK\r\n", node.call("RESTORE", key, "0", payload));
                assertEquals(redis.call("GET", key), node.call("GET", key), key + " restored on the node");
                assertEquals(redis.call("PFCOUNT", key), node.call("PFCOUNT", key));
                node.call("PFADD", key, "one-more");
                // node -> redis-server
                String back = bulkBody(node.call("DUMP", key));
                assertEquals("+OK\r\n", redis.call("RESTORE", key, "0", back, "REPLACE"), key + " back on redis");
                assertEquals(node.call("GET", key), redis.call("GET", key));
                assertEquals(node.call("PFCOUNT", key), redis.call("PFCOUNT", key));
            }
        }
    }

    @Test
    void replicasReceiveWhatRedisSends() throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            ReplicaStream.Scenario scenario = (host, port) -> {
                try (RespTestClient c = new RespTestClient(host, port)) {
                    c.call("PFADD", "r", "a", "b");
                    c.call("PFADD", "r", "a");
                    c.call("PFCOUNT", "r");
                    c.call("PFCOUNT", "r");
                    c.call("PFADD", "q", "z");
                    c.call("PFCOUNT", "r", "q");
                    c.call("PFMERGE", "r2", "r", "q");
                    c.call("PFDEBUG", "ENCODING", "r2");
                    c.call("PFDEBUG", "TODENSE", "r2");
                    c.call("PFDEBUG", "TODENSE", "r2");
                    c.call("PFDEBUG", "GETREG", "q");
                    c.call("PFADD", "r2", "zz");
                }
            };
            both.assertSameReplicaStream(scenario, "PFCOUNT");
        }
    }

    /** The body of a bulk reply "$n\r\n<body>\r\n". */
    private static String bulkBody(String reply) {
        int start = reply.indexOf("\r\n") + 2;
        return reply.substring(start, reply.length() - 2);
    }
}
