package dev.trib.node.command.bitmap;

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

/** BITFIELD and BITFIELD_RO against redis-server 7.0: replies, stored bytes, errors and the replication stream. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BitFieldDifferentialTest {
    private static final List<String[]> SCRIPT = new ArrayList<>();

    private static void c(String line) {
        SCRIPT.add(line.split(" ", -1));
    }

    static {
        c("BITFIELD missing GET u8 0 GET i64 0");
        c("EXISTS missing");
        c("BITFIELD k SET u8 0 255 GET u8 0");
        c("GET k");
        c("BITFIELD k SET i8 #1 -100 GET i8 #1 GET u4 8 GET i4 12");
        c("GET k");
        c("BITFIELD k INCRBY u2 100 1 OVERFLOW SAT INCRBY u2 102 1");
        c("BITFIELD k INCRBY u2 100 1 INCRBY u2 100 1 INCRBY u2 100 1");
        c("GET k");
        for (String ow : new String[] {"WRAP", "SAT", "FAIL"}) {
            c("DEL o");
            c("BITFIELD o OVERFLOW " + ow + " SET i8 0 127 INCRBY i8 0 1 INCRBY i8 0 -300 SET u8 8 300 SET u8 8 -1");
            c("BITFIELD o OVERFLOW " + ow + " INCRBY u8 16 -1 INCRBY u8 16 256 INCRBY i8 24 -128 INCRBY i8 24 -1");
            c("BITFIELD o OVERFLOW " + ow + " SET i64 32 9223372036854775807 INCRBY i64 32 1 INCRBY i64 32 -1");
            c("BITFIELD o OVERFLOW " + ow + " SET i64 96 -9223372036854775808 INCRBY i64 96 -1 INCRBY i64 96 1");
            c("BITFIELD o OVERFLOW " + ow + " SET u63 160 9223372036854775807 INCRBY u63 160 1 INCRBY u63 160 -1");
            c("BITFIELD o OVERFLOW " + ow + " SET u1 300 2 SET i1 301 -1 INCRBY i1 301 1 INCRBY u63 400 -5");
            c("GET o");
        }
        c("BITFIELD f OVERFLOW FAIL INCRBY u8 80 300");
        c("GET f");
        c("BITFIELD g GET u8 0 SET u16 #3 65535 GET u16 #3 GET i16 #3 GET u16 47");
        c("GET g");
        c("BITFIELD g SET i5 3 1");
        c("BITFIELD g SET i5 3 1");
        c("BITFIELD_RO g GET u8 0 GET i16 #3");
        c("BITFIELD_RO g SET u8 0 1");
        c("BITFIELD_RO g GET u8 0 INCRBY u8 0 1");
        c("BITFIELD_RO missing GET u8 0");
        c("BITFIELD_RO g");
        c("BITFIELD g");
        // Errors, in the order redis-server checks them.
        c("BITFIELD g GET u64 0");
        c("BITFIELD g GET i65 0");
        c("BITFIELD g GET i0 0");
        c("BITFIELD g GET x8 0");
        c("BITFIELD g GET  0");
        c("BITFIELD g GET u8 -1");
        c("BITFIELD g GET u8 abc");
        c("BITFIELD g GET u8 #-1");
        c("BITFIELD g GET u8 4294967296");
        c("BITFIELD g GET u8 #");
        c("BITFIELD g SET u8 0 abc");
        c("BITFIELD g SET u8 0");
        c("BITFIELD g GET u8");
        c("BITFIELD g INCRBY u8 0");
        c("BITFIELD g OVERFLOW");
        c("BITFIELD g OVERFLOW nope GET u8 0");
        c("BITFIELD g NOPE u8 0");
        c("BITFIELD g GET u8 0 SET u8 0");
        c("LPUSH list a");
        c("BITFIELD list GET u8 0");
        c("BITFIELD list SET u8 0 1");
        c("BITFIELD_RO list GET u8 0");
        c("BITFIELD list GET u64 0");
        c("BITFIELD");
        c("BITFIELD_RO");
        c("SET s abc");
        c("EXPIRE s 1000");
        c("BITFIELD s SET u8 100 1");
        c("TTL s");
        c("STRLEN s");
    }

    /** The script in RESP2, and again in RESP3 (where Redis changes some reply types). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void repliesMatchRedis(int protocol) throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(SCRIPT, diff, protocol);
            diff.assertNone();
        }
    }

    @Test
    void replicasReceiveWhatRedisSends() throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            both.assertSameReplicaStream((host, port) -> {
                try (RespTestClient c = new RespTestClient(host, port)) {
                    c.call("BITFIELD", "b", "SET", "u8", "0", "7");
                    c.call("BITFIELD", "b", "SET", "u8", "0", "7");
                    c.call("BITFIELD", "b", "GET", "u8", "0");
                    c.call("BITFIELD", "b", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "300");
                    c.call("BITFIELD", "b", "INCRBY", "u8", "0", "3");
                    c.call("BITFIELD_RO", "b", "GET", "u8", "0");
                    c.call("BITFIELD", "b", "SET", "u8", "0", "x");
                }
            }, "BITFIELD");
        }
    }
}
