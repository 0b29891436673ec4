package dev.trib.node.command.scripting;

import static dev.trib.node.support.ReplyDiff.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.SideBySide;
import dev.trib.node.support.ReplicaStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a replica receives for scripts, byte for byte the same from redis-server 7.0 and from the node: a script's
 * effects (not the script), several writes wrapped in MULTI … EXEC, a single one alone, nothing for a read-only
 * script or writes that changed nothing, the writes done before a script failed, a function library as FUNCTION
 * LOAD, and a script inside MULTI joining the transaction's block.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ScriptPropagationTest {
    private static final String HOST = "127.0.0.1";
    private static final List<List<String>> SCRIPT = List.of(
            List.of("EVAL", "redis.call('SET', KEYS[1], 'a') return redis.call('INCR', KEYS[2])", "2", "k", "n"),
            List.of("EVAL", "return redis.call('SET', KEYS[1], 'b')", "1", "k"),
            List.of("EVAL", "return redis.call('GET', KEYS[1])", "1", "k"),
            List.of("EVAL", "redis.call('DEL', 'nokey') return redis.call('SET', 'k', 'c')", "0"),
            List.of("EVAL", "redis.call('RPUSH', 'l', 1, 2) redis.call('INCR', 'l') return 1", "0"),
            List.of("EVAL", "redis.call('SADD', 's', 'only') return redis.call('SPOP', 's')", "0"),
            List.of("EVAL", "redis.call('SET', 't', 'v') return redis.call('EXPIRE', 't', 100)", "0"),
            List.of("EVAL_RO", "return redis.call('GET', 'k')", "0"),
            List.of("SCRIPT", "LOAD", "return redis.call('INCR', KEYS[1])"),
            List.of("EVALSHA", "61636018f4e6b5817b89791bbed242f93fa089e3", "1", "n"),
            List.of("FUNCTION", "LOAD", "#!lua name=lib\nredis.register_function('bump', function(keys) "
                    + "redis.call('INCR', keys[1]) return redis.call('INCR', keys[1]) end)"),
            List.of("FCALL", "bump", "1", "f"),
            List.of("MULTI"), List.of("EVAL", "return redis.call('INCR', 'm')", "0"), List.of("SET", "x", "1"),
            List.of("EXEC"),
            List.of("FUNCTION", "DELETE", "lib"));

    @Test
    void scriptEffectsReachTheReplicationStreamAsFromRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone("--repl-diskless-sync", "no")) {
            SideBySide.Streams streams = both.replicaStreams(ReplicaStream.sending(SCRIPT));
            assertTrue(streams.redis().contains("MULTI"), streams.redis());
            // The absolute expiry time of EXPIRE's PEXPIREAT differs by when each server ran it.
            assertEquals(printable(masked(streams.redis())), printable(masked(streams.node())));
        }
    }

    private static String masked(String stream) {
        return stream.replaceAll("PEXPIREAT\r\n\\$1\r\nt\r\n\\$13\r\n\\d{13}", "PEXPIREAT t <ms>");
    }
}
