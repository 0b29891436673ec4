package dev.trib.node.acl;

import dev.trib.node.log.ServerLog;
import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential: for every ACL category, the commands node-server puts in it are the ones redis-server 7.0 puts in it,
 * among the commands node-server has (cluster mode, so the CLUSTER subcommands are there too).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AclCategoriesTest {
    /** The bulk strings of a flat array reply. */
    private static List<String> strings(String wire) {
        List<String> out = new ArrayList<>();
        String[] lines = wire.split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$")) {
                out.add(lines[++i]);
            }
        }
        return out;
    }

    @Test
    void everyCategoryHoldsTheCommandsRedisPutsInIt() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null, "SKIPPED: no redis-server on PATH");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("trib-acl-cat");
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0)
                        .with("cluster-enabled", "yes").with("dir", dir.toString()),
                new ServerLog(new PrintStream(OutputStream.nullOutputStream())));
        try (RealRedis redis = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"));
             RespTestClient ours = new RespTestClient("127.0.0.1", node.port());
             RespTestClient theirs = new RespTestClient("127.0.0.1", redis.port)) {
            assertEquals(strings(theirs.call("ACL", "CAT")), strings(ours.call("ACL", "CAT")));
            Set<String> known = new TreeSet<>();
            for (String category : strings(ours.call("ACL", "CAT"))) {
                known.addAll(strings(ours.call("ACL", "CAT", category)));
            }
            assertTrue(known.size() > 100 && known.contains("cluster|setslot"), known.toString());
            for (String category : strings(ours.call("ACL", "CAT"))) {
                Set<String> expected = new TreeSet<>(strings(theirs.call("ACL", "CAT", category)));
                expected.retainAll(known);
                Set<String> actual = new TreeSet<>(strings(ours.call("ACL", "CAT", category)));
                // Commands redis-server 7.0 does not have (7.2's CLIENT SETINFO and NO-TOUCH) are left out.
                actual.retainAll(allOf(theirs));
                assertEquals(expected, actual, "@" + category);
            }
        } finally {
            node.stop();
        }
    }

    private static Set<String> allOf(RespTestClient redis) throws Exception {
        Set<String> all = new TreeSet<>();
        for (String category : strings(redis.call("ACL", "CAT"))) {
            all.addAll(strings(redis.call("ACL", "CAT", category)));
        }
        return all;
    }
}
