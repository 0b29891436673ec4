package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.Failures;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.NodeFactsReader;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.doctor.AclResult;
import dev.trib.planner.doctor.DoctorInput;
import dev.trib.planner.doctor.KeySample;
import dev.trib.planner.doctor.NodeFacts;
import dev.trib.planner.doctor.ReplicaLink;
import dev.trib.planner.doctor.ReplicaSeen;
import dev.trib.planner.doctor.Settings;
import dev.trib.planner.doctor.TribOperation;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.HostAndPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.trib.planner.doctor.Settings.number;

/**
 * Gathers what {@code trib doctor} judges: the cluster as check loads it, then from every reachable node at once
 * (at most {@code Parallel.WIDTH} in flight, each reply bounded by the command timeout) its settings, memory,
 * replication, version, a sized key sample (masters) and ACL DRYRUN verdicts. A node that stops answering midway
 * becomes an unreachable node in the input, never a failure of the whole run. Changes nothing.
 */
public final class DoctorOperation {
    /**
     * Bytes of MEMORY USAGE per second a MIGRATE moves when not told otherwise: measured here on Redis 7.0, a
     * 100 MB string took 1.6 s (70 MB/s) and a 19 MB hash of 200,000 fields 1 s (20 MB/s) on loopback, on a busy
     * machine. The slower figure: a warning too early beats a failover.
     */
    public static final double DEFAULT_TRANSFER_RATE = 20 * 1024 * 1024;

    /**
     * @param sample        keys sized per master (ignored with full)
     * @param full          size every key
     * @param aclUser       whose rights to check (default: the user trib connects as)
     * @param transferRate  bytes per second assumed for MIGRATE
     */
    public record Request(HostAndPort entry, int sample, boolean full, Optional<String> aclUser,
                          double transferRate) {
    }

    private final NodeConnector connector;

    public DoctorOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** @throws NodeAccessException when the entry node cannot be reached */
    public DoctorInput gather(Request request) {
        ClusterSnapshot snapshot = new ClusterLoader(connector).load(request.entry());
        String user = request.aclUser().orElse(connector.settings().user().orElse("default"));
        List<NodeFacts> nodes = new ArrayList<>();
        for (var o : Parallel.map(snapshot.nodes(), n -> n.reachable() ? read(n, request, user)
                : unreachable(n, n.failure().orElse("unreachable")))) {
            nodes.add(o.ok() ? o.value() : unreachable(o.input(), o.error() instanceof NodeAccessException a
                    ? a.reason() : Failures.reason(o.error())));
        }
        return new DoctorInput(request.entry(), nodes, request.transferRate(), false);
    }

    private NodeFacts read(NodeReport n, Request request, String user) {
        NodeFactsReader reader = new NodeFactsReader(connector.connect(n.address()));
        ClusterNode self = n.self();
        boolean master = self.isMaster();
        Map<String, String> config = reader.config(Settings.READ);
        Map<String, String> info = reader.info(List.of("server", "memory", "replication"));
        Optional<KeySample> keys = master ? reader.sampleKeys(request.sample(), request.full()) : Optional.empty();
        AclResult acl = reader.dryRun(user, TribOperation.allProbes());
        return new NodeFacts(self.id(), n.address(), master, master ? Optional.empty() : self.masterId(),
                self.slots().size(), Optional.empty(), reader.failures(), info.getOrDefault("redis_version", ""),
                config, number(info.get("used_memory")),
                number(config.getOrDefault(Settings.MAXMEMORY, info.get("maxmemory"))),
                master ? Optional.empty() : link(info), master ? replicasSeen(info) : List.of(), keys,
                Optional.of(acl));
    }

    private static NodeFacts unreachable(NodeReport n, String reason) {
        ClusterNode self = n.self();
        return NodeFacts.unreachable(self.id(), n.address(), self.isMaster(),
                self.isMaster() ? Optional.empty() : self.masterId(), self.slots().size(), reason);
    }

    /** A replica's side of the link, from INFO replication; empty when the node does not say it is a replica. */
    static Optional<ReplicaLink> link(Map<String, String> info) {
        String status = info.get("master_link_status");
        if (status == null) {
            return Optional.empty();
        }
        return Optional.of(new ReplicaLink(status.equals("up"), "1".equals(info.get("master_sync_in_progress")),
                number(info.get("master_link_down_since_seconds")).orElse(-1)));
    }

    /** A master's {@code slaveN:ip=..,port=..,state=..,offset=..,lag=..} lines. */
    static List<ReplicaSeen> replicasSeen(Map<String, String> info) {
        List<ReplicaSeen> out = new ArrayList<>();
        for (int i = 0; info.containsKey("slave" + i); i++) {
            Map<String, String> f = new HashMap<>();
            for (String part : info.get("slave" + i).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    f.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            OptionalLong port = number(f.get("port"));
            if (f.containsKey("ip") && port.isPresent() && port.getAsLong() > 0 && port.getAsLong() < 65536) {
                out.add(new ReplicaSeen(new HostAndPort(f.get("ip"), (int) port.getAsLong()),
                        f.getOrDefault("state", "?"), number(f.get("offset")).orElse(0),
                        number(f.get("lag")).orElse(0)));
            }
        }
        return out;
    }
}
