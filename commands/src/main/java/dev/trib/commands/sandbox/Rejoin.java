package dev.trib.commands.sandbox;

import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.check.Finding;
import dev.trib.planner.topology.HostAndPort;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits for restarted nodes to be a whole cluster again: every node reachable, agreeing, every slot served,
 * cluster_state:ok everywhere. Nodes coming back from their nodes.conf reconnect within seconds; a master that
 * was failed over while it was down comes back as a replica.
 */
public final class Rejoin {
    private Rejoin() {
    }

    /** @return the last check: healthy, or what was still wrong when the time ran out */
    public static CheckReport await(NodeConnector connector, HostAndPort entry, Duration timeout) {
        AtomicReference<CheckReport> last = new AtomicReference<>();
        try {
            Waits.until(timeout, Duration.ofMillis(200), () -> {
                try {
                    CheckReport r = ClusterChecker.check(new ClusterLoader(connector).load(entry), false);
                    last.set(r);
                    return r.healthy() ? Optional.empty()
                            : Optional.of(r.findings().stream().findFirst().map(Finding::message).orElse("?"));
                } catch (RuntimeException e) {
                    return Optional.of(entry + ": " + e.getMessage());
                }
            });
        } catch (Waits.WaitTimeoutException e) {
            if (last.get() == null) {
                throw e;
            }
        }
        return last.get();
    }
}
