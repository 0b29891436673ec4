package dev.trib.node.net;


import dev.trib.node.support.SideBySide;
import dev.trib.node.support.ReplicaStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a replica (here a SYNC connection, as a backup tool opens) receives for transactions, byte for byte the same
 * from redis-server 7.0 and from the node: several writes wrapped in MULTI … EXEC, a single write alone, nothing for
 * a read-only transaction, nothing for a transaction a changed WATCHed key aborted, nothing for writes that change
 * nothing (so a transaction left with one real write sends it alone).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TransactionPropagationTest {
    private static final String HOST = "127.0.0.1";
    private static final List<List<String>> SCRIPT = List.of(
            List.of("MULTI"), List.of("SET", "k", "1"), List.of("INCR", "k"), List.of("GET", "k"), List.of("EXEC"),
            List.of("MULTI"), List.of("SET", "j", "1"), List.of("EXEC"),
            List.of("MULTI"), List.of("GET", "k"), List.of("EXEC"),
            List.of("MULTI"), List.of("INCR", "j"), List.of("INCR", "k"), List.of("DISCARD"),
            List.of("MULTI"), List.of("SET", "j", "x"), List.of("INCR", "j"), List.of("SADD", "s", "a"),
            List.of("EXEC"),
            List.of("WATCH", "k"), List.of("SET", "k", "changed"), List.of("MULTI"), List.of("DEL", "k"),
            List.of("DEL", "j"), List.of("EXEC"),
            List.of("DEL", "nokey"), List.of("SADD", "s", "a"), List.of("SET", "k", "x", "NX", "EX", "100"),
            List.of("SETNX", "k", "y"), List.of("SET", "nokey", "x", "XX"), List.of("LPOP", "nokey"),
            List.of("GETDEL", "nokey"), List.of("RENAME", "k", "k"), List.of("SPOP", "nokey"),
            List.of("LREM", "l", "0", "zz"),
            List.of("MULTI"), List.of("DEL", "nokey"), List.of("SADD", "s", "a"), List.of("SET", "k", "2"),
            List.of("EXEC"),
            // LMPOP and ZMPOP reach replicas as the pops they amounted to
            List.of("RPUSH", "l", "a", "b", "c"), List.of("LMPOP", "2", "nol", "l", "LEFT", "COUNT", "2"),
            List.of("LMPOP", "1", "nol", "RIGHT"), List.of("ZADD", "z", "1", "a", "2", "b"),
            List.of("ZMPOP", "1", "z", "MAX", "COUNT", "5"));

    @Test
    void transactionsReachTheReplicationStreamAsFromRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone("--repl-diskless-sync", "no")) {
            both.assertSameReplicaStream(ReplicaStream.sending(SCRIPT), "MULTI");
        }
    }
}
