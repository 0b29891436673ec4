package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trib watch}: --once for scripts, and the live screen in a real terminal (tmux) while a failover happens. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchCommandIT {
    private TestCluster cluster;

    @BeforeAll
    void createCluster() {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        cluster = TestCluster.start(6, List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")).createWithRedisCli(1);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ClusterNode self(RedisNode n) {
        return NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
    }

    /** The line the view prints for a node, up to its numbers. */
    private static String head(RedisNode n) {
        ClusterNode s = self(n);
        return (s.isMaster() ? " M " : "    S ") + s.shortId() + " " + n.hostPort() + "  keys ";
    }

    @Test
    @Order(1)
    void onceListsMastersWithTheirReplicasAndTheSlotBar() {
        TribRunner.Result r = trib("watch", cluster.node(0).hostPort(), "--once");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).startsWith("trib watch " + cluster.node(0).hostPort()
                + " | cluster_state ok | 3 masters, 3 replicas | "), r.toString());
        List<String> expectedBar = List.of("A", "B", "C");
        for (int i = 0; i < 3; i++) {
            RedisNode master = cluster.node(i);
            int at = indexOf(lines, expectedBar.get(i) + head(master));
            assertTrue(at > 0, head(master) + " in " + r);
            assertTrue(lines.get(at).endsWith("ok  slots " + self(master).slots() + " ("
                    + self(master).slots().size() + ")"), lines.get(at));
            RedisNode replica = cluster.nodes().stream().filter(n -> self(n).masterId()
                    .filter(self(master).id()::equals).isPresent()).findFirst().orElseThrow();
            assertTrue(lines.get(at + 1).startsWith(head(replica)), "the replica under its master: " + r);
        }
        assertTrue(lines.contains("slots [" + "A".repeat(21) + "B".repeat(22) + "C".repeat(21) + "]"), r.toString());
        assertTrue(lines.contains("open slots: none") && lines.contains("failures: none"), r.toString());
        assertEquals(ExitCodes.UNREACHABLE, trib("watch", "127.0.0.1:1", "--once").exitCode());
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    @Order(2)
    void theLiveScreenShowsAFailoverAsItHappens() throws Exception {
        Assumptions.assumeTrue(RedisFixture.executableOnPath("tmux") != null,
                "SKIPPED LOUDLY: tmux is not installed (.ci/run installs it), so the live screen is not tested");
        String socket = "trib-watch-" + ProcessHandle.current().pid();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = java + " -cp " + System.getProperty("java.class.path") + " dev.trib.cli.Main watch "
                + cluster.node(0).hostPort() + " --interval 200";
        try {
            tmux(socket, "new-session", "-d", "-x", "150", "-y", "40", cmd);
            RedisNode replica = cluster.nodes().stream().filter(n -> self(n).isReplica()).findFirst().orElseThrow();
            Poll.until(Duration.ofSeconds(30), "the screen to list the replica", () -> screen(socket)
                    .contains(head(replica).substring(1)));
            TribRunner.Result failover = trib("failover", replica.hostPort());
            assertEquals(ExitCodes.OK, failover.exitCode(), failover.toString());
            String promoted = " M " + self(replica).shortId() + " " + replica.hostPort() + "  keys ";
            Poll.until(Duration.ofSeconds(30), "the promoted replica shown as a master, marked", () -> screen(socket)
                    .lines().anyMatch(l -> l.contains(promoted) && l.endsWith("(was replica)")));
            tmux(socket, "send-keys", "q");
            Poll.until(Duration.ofSeconds(15), "q to end the watch", () -> !hasSession(socket));
        } finally {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String screen(String socket) {
        try {
            return tmux(socket, "capture-pane", "-p");
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean hasSession(String socket) {
        try {
            Process p = new ProcessBuilder("tmux", "-L", socket, "has-session").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tmux(String socket, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
