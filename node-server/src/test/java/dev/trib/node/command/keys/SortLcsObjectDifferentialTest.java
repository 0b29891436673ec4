package dev.trib.node.command.keys;

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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SORT / SORT_RO, LCS, OBJECT, MOVE and SWAPDB against redis-server 7.0 (standalone with one database, and in
 * cluster mode where SORT's BY/GET patterns, MOVE and SWAPDB are refused), and SORT STORE's replication stream.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SortLcsObjectDifferentialTest {
    private static final List<String[]> SCRIPT = new ArrayList<>();
    private static final List<String[]> CLUSTER_SCRIPT = new ArrayList<>();

    private static void c(String line) {
        SCRIPT.add(line.split(" ", -1));
    }

    private static void cl(String line) {
        CLUSTER_SCRIPT.add(line.split(" ", -1));
    }

    static {
        c("RPUSH l 3 1 2 10 -5 2.5 1e2 007");
        c("SORT l");
        c("SORT l DESC");
        c("SORT l ALPHA");
        c("SORT l ALPHA DESC");
        c("SORT l LIMIT 0 3");
        c("SORT l LIMIT 2 3 DESC");
        c("SORT l LIMIT -5 2");
        c("SORT l LIMIT 1 -1");
        c("SORT l LIMIT 100 5");
        c("SORT l LIMIT 0 0");
        c("SORT l BY nosort");
        c("SORT l BY nosort DESC");
        c("SORT l BY nosort LIMIT 1 3");
        c("SORT l BY nosort DESC LIMIT 1 3");
        c("SORT_RO l");
        c("SORT_RO l DESC LIMIT 0 2");
        c("RPUSH words banana apple cherry Apple 10 9");
        c("SORT words");
        c("SORT words ALPHA");
        c("SORT words ALPHA DESC LIMIT 1 2");
        c("SADD s 5 3 9 1");
        c("SORT s");
        c("SORT s DESC");
        c("SORT s BY nosort STORE sdst");
        c("LRANGE sdst 0 -1");
        c("SADD ss zeta alpha beta");
        c("SORT ss ALPHA");
        c("ZADD z 3 c 1 a 2 b 0 d");
        c("SORT z ALPHA");
        c("SORT z BY nosort");
        c("SORT z BY nosort DESC");
        c("SORT z BY nosort LIMIT 1 2");
        c("SORT z BY nosort DESC LIMIT 1 2");
        // BY and GET patterns.
        c("MSET w_3 30 w_1 10 w_2 20 w_10 5 o_1 one o_2 two");
        c("HSET h_1 f x1 n 3");
        c("HSET h_2 f x2 n 1");
        c("RPUSH ids 1 2 3 10");
        c("SORT ids BY w_*");
        c("SORT ids BY w_* DESC");
        c("SORT ids BY w_* GET o_* GET # GET h_*->f");
        c("SORT ids BY h_*->n GET #");
        c("SORT ids BY w_* ALPHA");
        c("SORT ids BY w_* LIMIT 0 2 GET o_*");
        c("SORT ids GET h_*-> GET h_*->nope GET *_1");
        c("SORT ids BY w_* STORE out GET o_*");
        c("LRANGE out 0 -1");
        c("SORT ids BY w_* STORE out");
        c("LRANGE out 0 -1");
        c("SORT missing STORE out");
        c("EXISTS out");
        c("SORT missing");
        // Errors.
        c("RPUSH bad 1 x 2");
        c("SORT bad");
        c("SORT bad ALPHA");
        c("SORT bad STORE out2");
        c("EXISTS out2");
        c("SET str x");
        c("SORT str");
        c("SORT l LIMIT 1");
        c("SORT l LIMIT a 1");
        c("SORT l NOPE");
        c("SORT l BY");
        c("SORT_RO l STORE x");
        c("SORT");
        c("SORT_RO");
        // A user limited to some keys may not use BY patterns or GET (they could name any key).
        c("ACL SETUSER lim on nopass +@all ~ids ~l");
        c("AUTH lim x");
        c("SORT ids BY w_*");
        c("SORT ids GET o_*");
        c("SORT ids BY nosort");
        c("SORT l");
        c("AUTH default x");
        // LCS.
        c("MSET ka ohmytext kb mynewtext");
        c("LCS ka kb");
        c("LCS ka kb LEN");
        c("LCS ka kb IDX");
        c("LCS ka kb IDX MINMATCHLEN 4");
        c("LCS ka kb IDX WITHMATCHLEN");
        c("LCS ka kb IDX MINMATCHLEN 2 WITHMATCHLEN");
        c("LCS ka kb IDX MINMATCHLEN -3");
        c("LCS ka nokey");
        c("LCS nokey nokey2 IDX");
        c("LCS ka kb LEN IDX");
        c("LCS ka kb MINMATCHLEN");
        c("LCS ka kb MINMATCHLEN x");
        c("LCS ka kb NOPE");
        c("LCS ka l");
        c("LCS ka");
        c("MSET aa ACCGGTCGAGTGCGCGGAAGCCGGCCGAA bb GTCGTTCGGAATGCCGTTGCTCTGTAAA");
        c("LCS aa bb IDX WITHMATCHLEN");
        c("LCS bb aa");
        // OBJECT.
        c("SET i 123");
        c("SET big 123456789012345678901");
        c("SET neg -5");
        c("SET lead 0123");
        c("SET e short");
        c("SET r 0123456789012345678901234567890123456789012345");
        c("SET e44 01234567890123456789012345678901234567890123");
        c("APPEND ap x");
        c("APPEND ap2 x");
        c("APPEND ap2 y");
        c("SETRANGE sr 2 ab");
        c("SETBIT sb 3 1");
        c("INCR cnt");
        c("SET huge 99999");
        c("PFADD hll a");
        for (String k : new String[] {"i", "big", "neg", "lead", "e", "r", "e44", "ap", "ap2", "sr", "sb", "cnt",
            "huge", "hll", "l", "s", "ss", "z", "h_1", "nokey"}) {
            c("OBJECT ENCODING " + k);
            c("OBJECT REFCOUNT " + k);
        }
        c("OBJECT FREQ l");
        c("OBJECT IDLETIME nokey");
        // The LFU counter: 5 for a new key, then (with lfu-log-factor 0, so that every access increments it) one
        // more per access: not for OBJECT, EXISTS, TYPE and TTL; once for a GET and once for a SET over the key,
        // which keeps the counter. FREQ and IDLETIME each refuse under the other kind of policy.
        c("CONFIG SET maxmemory-policy allkeys-lfu");
        c("CONFIG SET lfu-log-factor 0");
        c("SET fk v");
        c("OBJECT FREQ fk");
        c("EXISTS fk");
        c("TYPE fk");
        c("TTL fk");
        c("OBJECT FREQ fk");
        c("GET fk");
        c("OBJECT FREQ fk");
        c("SET fk w");
        c("OBJECT FREQ fk");
        c("APPEND fk x");
        c("INCR fk");
        c("OBJECT FREQ fk");
        c("RPUSH fl a b");
        c("LRANGE fl 0 -1");
        c("OBJECT FREQ fl");
        c("OBJECT IDLETIME fk");
        c("CONFIG SET lfu-decay-time 0");
        c("CONFIG GET lfu-decay-time");
        c("CONFIG GET lfu-log-factor");
        c("CONFIG SET lfu-log-factor -1");
        c("CONFIG SET lfu-log-factor 10");
        c("CONFIG SET lfu-decay-time 1");
        c("CONFIG SET maxmemory-policy noeviction");
        c("SET fk2 v");
        c("OBJECT IDLETIME fk2");
        c("OBJECT FREQ fk2");
        c("OBJECT NOPE l");
        c("OBJECT ENCODING");
        c("OBJECT ENCODING a b");
        c("OBJECT");
        c("ZADD bigz 1 0123456789012345678901234567890123456789012345678901234567890123456789");
        c("OBJECT ENCODING bigz");
        c("HSET bigh f 0123456789012345678901234567890123456789012345678901234567890123456789");
        c("OBJECT ENCODING bigh");
        c("SADD mixed 1 a");
        c("OBJECT ENCODING mixed");
        // MOVE and SWAPDB with one database.
        c("MOVE l 0");
        c("MOVE l 1");
        c("MOVE nokey 0");
        c("MOVE l x");
        c("SWAPDB 0 0");
        c("SWAPDB 0 1");
        c("SWAPDB x 0");
        c("SWAPDB 0 y");
        c("MOVE l");
        c("SWAPDB 0");

        cl("RPUSH {t}l 3 1 2");
        cl("SORT {t}l");
        cl("SORT {t}l BY nosort");
        cl("SORT {t}l BY w_*");
        cl("SORT {t}l GET #");
        cl("SORT {t}l STORE {t}dst");
        cl("SORT {t}l STORE other");
        cl("MOVE {t}l 0");
        cl("SWAPDB 0 1");
        cl("OBJECT ENCODING {t}l");
        cl("GEORADIUS {t}g 1 1 1 km STORE other");
        cl("LCS {t}a other");
    }

    /** The script in RESP2, and again in RESP3 (where Redis changes some reply types). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void repliesMatchRedis(int protocol) throws Exception {
        try (SideBySide both = SideBySide.standalone("--databases", "1")) {
            ReplyDiff diff = new ReplyDiff();
            both.run(SCRIPT, diff, protocol);
            diff.assertNone();
        }
    }

    /**
     * Idle times are in seconds of a clock both servers read on their own, so they are compared within one second:
     * RESTORE's IDLETIME sets a key's idle time (LRU), its FREQ the counter (LFU, without decay here).
     */
    @Test
    void restoredIdleTimeAndFrequencyMatchRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone("--databases", "1");
             RespTestClient redis = both.redis.client();
             RespTestClient node = new RespTestClient(SideBySide.HOST, both.node.port())) {
            for (RespTestClient c : List.of(redis, node)) {
                c.call("SET", "src", "v");
                String dump = c.call("DUMP", "src");
                String payload = dump.substring(dump.indexOf("\r\n") + 2, dump.length() - 2);
                assertEquals("+OK\r\n", c.call("RESTORE", "idle", "0", payload, "IDLETIME", "1000"));
                long idle = Long.parseLong(c.call("OBJECT", "IDLETIME", "idle").trim().substring(1));
                assertTrue(idle == 1000 || idle == 1001, "idle time " + idle);
                c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
                c.call("CONFIG", "SET", "lfu-decay-time", "0");
                assertEquals("+OK\r\n", c.call("RESTORE", "freq", "0", payload, "FREQ", "100"));
                assertEquals(":100\r\n", c.call("OBJECT", "FREQ", "freq"));
                assertEquals("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n",
                        c.call("RESTORE", "bad", "0", payload, "FREQ", "256"));
            }
        }
    }

    @Test
    void clusterModeRefusalsMatchRedis() throws Exception {
        try (SideBySide both = SideBySide.clusterWithAllSlots()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(CLUSTER_SCRIPT, diff);
            diff.assertNone();
        }
    }

    @Test
    void replicasReceiveWhatRedisSends() throws Exception {
        try (SideBySide both = SideBySide.standalone("--databases", "1")) {
            both.assertSameReplicaStream((host, port) -> {
                try (RespTestClient c = new RespTestClient(host, port)) {
                    c.call("RPUSH", "l", "3", "1", "2");
                    c.call("SORT", "l");
                    c.call("SORT", "l", "STORE", "d");
                    c.call("SORT", "nokey", "STORE", "d");
                    c.call("SORT", "nokey", "STORE", "d");
                    c.call("SORT_RO", "l");
                    c.call("LCS", "l", "l");
                    c.call("OBJECT", "ENCODING", "l");
                    c.call("SWAPDB", "0", "0");
                    c.call("MOVE", "l", "0");
                }
            }, "SORT");
        }
    }
}
