package dev.trib.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.SideBySide;
import dev.trib.node.support.RespTestClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scripts in cluster mode, as redis-server 7.0: routed by their declared KEYS (CROSSSLOT, MOVED, ASK and TRYAGAIN
 * while a slot migrates), and inside the script each call checked again: a key of a slot served elsewhere is "a non
 * local key", keys of several slots are refused unless the script is in the compatibility mode (no shebang) or
 * declares allow-cross-slot-keys, and no-cluster scripts do not run at all.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ScriptRoutingTest {
    private static final String OTHER = "d".repeat(40);

    private static final List<String[]> SESSION = new ArrayList<>();

    private static void c(String... args) {
        SESSION.add(args);
    }

    static {
        // "a" hashes to 15495, "b" to 3300.
        c("EVAL", "return 1", "2", "a", "b");
        c("EVAL", "return redis.call('MSET', KEYS[1], 1, KEYS[2], 2)", "2", "{a}1", "{a}2");
        c("EVAL", "return {redis.call('GET', '{a}1'), redis.call('SET', 'b', 1)}", "1", "{a}1");
        c("EVAL", "#!lua\nreturn {redis.call('GET', '{a}1'), redis.call('GET', 'b')}", "1", "{a}1");
        c("EVAL", "#!lua\nreturn {redis.call('GET', 'a'), redis.call('GET', 'b')}", "0");
        c("EVAL", "#!lua\nreturn redis.call('MGET', 'a', 'b')", "0");
        c("EVAL", "#!lua flags=allow-cross-slot-keys\nreturn {redis.call('GET', 'a'), redis.call('GET', 'b')}", "0");
        c("EVAL", "#!lua flags=no-cluster\nreturn 1", "0");
        c("EVAL_RO", "return redis.call('GET', KEYS[1])", "1", "a");
        c("FUNCTION", "LOAD", "#!lua name=routed\n"
                + "redis.register_function('two_slots', function(keys) redis.call('SET', keys[1], 1) "
                + "return redis.call('SET', 'b', 1) end)\n"
                + "redis.register_function{function_name='loose', callback=function(keys) redis.call('SET', keys[1], 1) "
                + "return redis.call('GET', 'b') end, flags={'allow-cross-slot-keys'}}\n"
                + "redis.register_function{function_name='local_only', callback=function() return 1 end, "
                + "flags={'no-cluster'}}");
        c("FCALL", "two_slots", "1", "a");
        c("FCALL", "loose", "1", "a");
        c("FCALL", "local_only", "0");
        c("FCALL", "two_slots", "2", "a", "b");
    }

    @Test
    void scriptsInClusterModeMatchRedis() throws Exception {
        ReplyDiff diff = new ReplyDiff();
        try (SideBySide both = SideBySide.clusterWithAllSlots()) {
            both.run(SESSION, diff);
        }
        diff.assertNone();
    }

    @Test
    void scriptsAreRoutedByTheirKeysAndRefuseKeysServedElsewhere() throws Exception {
        NodeServer node = ClusterNodes.start(600_000);
        try (RespTestClient c = new RespTestClient(ClusterNodes.HOST, node.port());
             RespTestClient admin = new RespTestClient(ClusterNodes.HOST, node.port())) {
            ClusterNodes.shareWithPhantom(node, c, OTHER);
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("EVAL", "return 1", "1", "a"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("FCALL", "nosuch", "1", "a"));
            assertEquals("+OK\r\n", c.call("EVAL", "return redis.call('SET', KEYS[1], 'v')", "1", "b"));
            String nonLocal = "return redis.call('GET', 'a')";
            assertEquals("-ERR Script attempted to access a non local key in a cluster node script: " + sha(nonLocal)
                    + ", on @user_script:1.\r\n", c.call("EVAL", nonLocal, "1", "b"));
            // While slot 3300 migrates: a missing key is asked elsewhere, present and missing together is TRYAGAIN.
            assertEquals("+OK\r\n", admin.call("CLUSTER", "SETSLOT", "3300", "MIGRATING", OTHER));
            assertEquals("$1\r\nv\r\n", c.call("EVAL", "return redis.call('GET', KEYS[1])", "1", "b"));
            assertEquals("-ASK 3300 127.0.0.1:1\r\n", c.call("EVAL", "return 1", "1", "{b}missing"));
            assertEquals("-TRYAGAIN Multiple keys request during rehashing of slot\r\n",
                    c.call("EVAL", "return 1", "2", "b", "{b}missing"));
            String undeclared = "return redis.call('GET', '{b}missing')";
            assertEquals("-ERR Script attempted to access a non local key in a cluster node script: "
                    + sha(undeclared) + ", on @user_script:1.\r\n", c.call("EVAL", undeclared, "1", "b"));
            assertEquals("+OK\r\n", admin.call("CLUSTER", "SETSLOT", "3300", "STABLE"));
            // Once the slot has moved away, the script goes there too.
            assertEquals(":1\r\n", admin.call("DEL", "b"));
            assertEquals("+OK\r\n", admin.call("CLUSTER", "SETSLOT", "3300", "NODE", OTHER));
            assertEquals("-MOVED 3300 127.0.0.1:1\r\n", c.call("EVAL", "return 1", "1", "b"));
        } finally {
            node.stop();
        }
    }

    private static String sha(String script) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
    }
}
