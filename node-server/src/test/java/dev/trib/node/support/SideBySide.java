package dev.trib.node.support;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server 7.0 and a node-server started alike (standalone, or each a cluster-mode node owning no slots, or
 * all of them), for differential tests that send both the same commands and compare the replies byte for byte.
 */
public final class SideBySide implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public final RealRedis redis;
    public final NodeServer node;

    private SideBySide(RealRedis redis, NodeServer node) {
        this.redis = redis;
        this.node = node;
    }

    /** Both standalone. Skips the test when redis-server is not installed. */
    public static SideBySide standalone(String... settings) throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: differential test SKIPPED ***");
        RealRedis redis = RealRedis.start(HOST, Ports.freeClusterPort(HOST), settings);
        NodeConfig config = NodeConfig.defaults().withBind(List.of(HOST)).withPort(0);
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config = config.with(settings[i].substring(2), settings[i + 1]);
        }
        return new SideBySide(redis, NodeServer.start(config));
    }

    /** Both in cluster mode, each alone in its cluster and owning every slot, so every key is served. */
    public static SideBySide clusterWithAllSlots() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: differential test SKIPPED ***");
        RealRedis redis = RealRedis.startCluster(HOST, Ports.freeClusterPort(HOST));
        Path dir = Files.createTempDirectory("trib-side-node");
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of(HOST))
                .withPort(Ports.freeClusterPort(HOST))
                .with("cluster-enabled", "yes").with("cluster-config-file", dir.resolve("nodes.conf").toString())
                .with("dir", dir.toString()));
        SideBySide both = new SideBySide(redis, node);
        for (int port : new int[] {redis.port, node.port()}) {
            try (RespTestClient c = new RespTestClient(HOST, port)) {
                c.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
                Poll.until(java.time.Duration.ofSeconds(30), "cluster_state:ok on " + port,
                        () -> c.call("CLUSTER", "INFO").contains("cluster_state:ok"));
            }
        }
        return both;
    }

    /** Sends each command (split on single spaces) to both, in order, and records every pair of replies. */
    public void run(List<String[]> commands, ReplyDiff diff) throws Exception {
        run(commands, diff, 2);
    }

    /** As {@link #run(List, ReplyDiff)}, on connections that first chose this protocol with HELLO. */
    public void run(List<String[]> commands, ReplyDiff diff, int protocol) throws Exception {
        try (RespTestClient r = new RespTestClient(HOST, redis.port);
             RespTestClient n = new RespTestClient(HOST, node.port())) {
            if (protocol == 3) {
                r.call("HELLO", "3");
                n.call("HELLO", "3");
            }
            for (String[] command : commands) {
                diff.compare(String.join(" ", command), r.call(command), n.call(command));
            }
        }
    }

    /** What a replica of each server received: {@link #replicaStreams}. */
    public record Streams(String redis, String node) {
    }

    /**
     * Runs the scenario against each server while a replica listens (see {@link ReplicaStream}); redis-server's
     * opening SELECT 0 is dropped, the node has database 0 only and sends none.
     */
    public Streams replicaStreams(ReplicaStream.Scenario scenario) throws Exception {
        String select0 = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n";
        String expected = ReplicaStream.of(HOST, redis.port, scenario);
        String actual = ReplicaStream.of(HOST, node.port(), scenario);
        return new Streams(expected.startsWith(select0) ? expected.substring(select0.length()) : expected, actual);
    }

    /** The same replication stream from both servers, and it contains {@code mustContain}. */
    public void assertSameReplicaStream(ReplicaStream.Scenario scenario, String mustContain) throws Exception {
        Streams streams = replicaStreams(scenario);
        org.junit.jupiter.api.Assertions.assertTrue(streams.redis().contains(mustContain),
                ReplyDiff.printable(streams.redis()));
        org.junit.jupiter.api.Assertions.assertEquals(ReplyDiff.printable(streams.redis()),
                ReplyDiff.printable(streams.node()));
    }

    @Override
    public void close() throws Exception {
        try {
            node.stop();
        } finally {
            redis.close();
        }
    }
}
