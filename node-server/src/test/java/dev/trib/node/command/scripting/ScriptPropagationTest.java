package dev.trib.node.command.scripting;

import static dev.trib.node.support.ReplyDiff.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.ReplicaStream;
import dev.trib.node.support.RespTestClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
    private static final String SELECT_0 = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n";
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
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: script propagation differential test SKIPPED ***");
        String expected;
        try (RealRedis real = RealRedis.start(HOST, Ports.freeClusterPort(HOST), "--repl-diskless-sync", "no")) {
            expected = streamOf(real.port);
        }
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of(HOST)).withPort(0));
        String actual;
        try {
            actual = streamOf(node.port());
        } finally {
            node.stop();
        }
        assertTrue(expected.startsWith(SELECT_0) && expected.contains("MULTI"), expected);
        // The absolute expiry time of EXPIRE's PEXPIREAT differs by when each server ran it.
        assertEquals(printable(masked(expected.substring(SELECT_0.length()))), printable(masked(actual)));
    }

    private static String masked(String stream) {
        return stream.replaceAll("PEXPIREAT\r\n\\$1\r\nt\r\n\\$13\r\n\\d{13}", "PEXPIREAT t <ms>");
    }

    private static String streamOf(int port) throws Exception {
        return ReplicaStream.of(HOST, port, (host, p) -> {
            try (RespTestClient client = new RespTestClient(host, p)) {
                for (List<String> command : SCRIPT) {
                    client.call(command.toArray(String[]::new));
                }
            }
        });
    }
}
