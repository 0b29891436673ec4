package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeCommandException;
import dev.trib.commands.node.NodeError;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.MasterForReplica;
import dev.trib.planner.alloc.ServerRelease;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeAddress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trib del-node}: removes a slot-less node from the cluster, whether it still runs or not. Its replicas (if
 * it is a master) are moved to other masters first; then every other node forgets it at the same time: Redis
 * re-learns a forgotten node from any peer that still gossips about it once its 60 s blacklist expires, so the
 * forgets must all land within that window. A node that still runs is then reset so it stops talking to the
 * cluster.
 */
public final class DelNodeOperation {
    private final NodeConnector connector;

    public DelNodeOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** A replica of the removed master and the master it will follow instead. */
    public record Move(NodeReport replica, NodeReport newMaster) {
    }

    /**
     * @param target the node to remove, as it describes itself or (unreachable) as the entry node sees it
     * @param moves  replicas to re-point first
     * @param skipped replicas of the removed master that cannot be reached, so cannot be re-pointed
     */
    public record Prepared(ClusterSnapshot snapshot, NodeReport target, List<Move> moves, List<NodeReport> skipped,
                           List<NodeReport> others) {
    }

    /**
     * What was done. forgetFailures maps nodes that still know the removed node to why (unreachable, or an error
     * reply); reset is true when the removed node was reset, resetProblem says why a reachable one was not.
     */
    public record Result(NodeReport removed, List<Move> moves, Map<String, String> forgetFailures, boolean reset,
                         Optional<String> resetProblem) {
    }

    /**
     * @throws OperationRefusedException for an unknown or ambiguous id, or a master that still serves slots
     */
    public Prepared prepare(HostAndPort entry, String idOrPrefix) {
        ClusterSnapshot s = new ClusterLoader(connector).load(entry);
        NodeReport target = NodeIds.node(s.nodes(), idOrPrefix);
        ClusterNode self = target.self();
        if (self.isMaster() && !self.slots().isEmpty()) {
            throw new OperationRefusedException("Node " + target.address() + " is not empty! Reshard data away and "
                    + "try again: 'trib rebalance " + entry + " --weight " + self.id() + "=0' moves all its "
                    + self.slots().size() + " slots to the other masters ('trib reshard " + entry + " --from "
                    + self.id() + " --to ID --slots " + self.slots().size() + "' to one of them).");
        }
        List<Move> moves = new ArrayList<>();
        List<NodeReport> skipped = new ArrayList<>();
        List<NodeReport> replicas = self.isMaster() ? s.replicasOf(self.id()) : List.of();
        if (!replicas.isEmpty()) {
            List<MasterForReplica.Candidate> candidates = ServerReleases.withReleases(connector, s,
                    MasterForReplica.candidates(s, Set.of(self.id())));
            Map<String, ServerRelease> releases = ServerReleases.of(connector,
                    replicas.stream().filter(NodeReport::reachable).toList());
            for (NodeReport r : replicas) {
                if (!r.reachable()) {
                    skipped.add(r);
                    continue;
                }
                String ip = r.self().address().hasIp() ? r.self().address().ip() : r.address().host();
                if (candidates.isEmpty()) {
                    throw new OperationRefusedException("No other master serves slots: the replicas of "
                            + target.address() + " would have no master to follow.");
                }
                // A replica follows only a master whose data its server can load (6.2 cannot sync from 7.0).
                ServerRelease release = releases.get(r.id());
                List<MasterForReplica.Candidate> all = candidates;
                MasterForReplica.Candidate c = MasterForReplica.choose(candidates, ip, release)
                        .orElseThrow(() -> new OperationRefusedException("Replica " + r.address() + " (" + release
                                + ") of " + target.address() + " can follow no other master: each runs a newer "
                                + "Redis whose data it cannot load (" + ServerReleases.describe(s, all)
                                + "); replace it first ('trib replace " + r.address() + " NEW')."));
                moves.add(new Move(r, s.node(c.id()).orElseThrow()));
                candidates = MasterForReplica.withOneMore(candidates, c.id());
            }
        }
        List<NodeReport> others = s.nodes().stream().filter(n -> !n.id().equals(self.id())).toList();
        return new Prepared(s, target, moves, skipped, others);
    }

    public Result execute(Prepared p, ProgressListener progress, Duration timeout) {
        String id = p.target().id();
        List<NodeReport> reachableOthers = p.others().stream().filter(NodeReport::reachable).toList();
        List<NodeClient> clients = reachableOthers.stream().map(n -> connector.connect(n.address())).toList();

        if (!p.moves().isEmpty() || !p.skipped().isEmpty()) {
            progress.step("Moving " + (p.moves().size() + p.skipped().size()) + " replica(s) of "
                    + p.target().address() + " to other masters");
        }
        for (NodeReport r : p.skipped()) {
            progress.detail(r.address() + " is unreachable (" + r.failure().orElse("?") + "): it keeps "
                    + "replicating the removed node; run 'trib del-node' for it too, or CLUSTER REPLICATE it once "
                    + "it is back.");
        }
        if (!p.moves().isEmpty()) {
            for (Move m : p.moves()) {
                connector.connect(m.replica().address()).replicate(m.newMaster().id());
                progress.detail(m.replica().address() + " now replicates " + m.newMaster().address() + " ("
                        + m.newMaster().self().shortId() + ")");
            }
            // A node that forgets a master while it still lists a replica of it shows that replica masterless
            // until the replica's next ping. A second MEET makes each replica announce its new master now.
            Parallel.forEach(p.moves(), m -> {
                NodeClient c = connector.connect(m.replica().address());
                for (NodeReport peer : reachableOthers) {
                    NodeAddress a = peer.self().address();
                    if (!peer.id().equals(m.replica().id()) && a.hasIp()) {
                        c.meet(a.ip(), a.port(), a.clusterPort());
                    }
                }
            });
            Waits.until(timeout, () -> replicasNotMoved(p.moves(), clients));
        }

        progress.step("Sending CLUSTER FORGET messages to the cluster...");
        Map<String, String> failures = new LinkedHashMap<>();
        for (NodeReport n : p.others()) {
            if (!n.reachable()) {
                failures.put(n.address().toString(), "unreachable (" + n.failure().orElse("?") + ")");
            }
        }
        // All at once: see the class comment.
        for (var o : Parallel.map(clients, c -> {
            c.forget(id);
            return Boolean.TRUE;
        })) {
            if (!o.ok() && !(o.error() instanceof NodeCommandException e && e.error().is(NodeError.Kind.UNKNOWN_NODE))) {
                failures.put(o.input().address().toString(), o.error() instanceof NodeCommandException e
                        ? e.reply() : o.error().getMessage());
            }
        }

        Optional<String> resetProblem = Optional.empty();
        if (p.target().reachable()) {
            progress.step("Sending CLUSTER RESET SOFT to the deleted node.");
            try {
                connector.connect(p.target().address()).resetSoft();
            } catch (NodeCommandException | NodeAccessException e) {
                resetProblem = Optional.of(e.getMessage());
            }
        } else {
            progress.detail(p.target().address() + " is unreachable (" + p.target().failure().orElse("?")
                    + "): forgotten without contacting it. Reset it (CLUSTER RESET) before it serves again.");
        }

        progress.step("Waiting until no node lists " + id);
        List<NodeClient> forgetting = clients.stream()
                .filter(c -> !failures.containsKey(c.address().toString())).toList();
        Waits.until(timeout, () -> {
            for (var o : Parallel.map(forgetting, c -> c.clusterView().node(id).isPresent())) {
                if (!o.ok()) {
                    return Optional.of(o.input().address() + " did not answer: " + o.error().getMessage());
                }
                if (o.value()) {
                    return Optional.of(o.input().address() + " still lists " + id);
                }
            }
            return Optional.empty();
        });
        return new Result(p.target(), p.moves(), failures, p.target().reachable() && resetProblem.isEmpty(),
                resetProblem);
    }

    /** Empty once every node sees each moved replica following its new master. */
    private static Optional<String> replicasNotMoved(List<Move> moves, List<NodeClient> clients) {
        for (var o : Parallel.map(clients, NodeClient::clusterView)) {
            if (!o.ok()) {
                return Optional.of(o.input().address() + " did not answer: " + o.error().getMessage());
            }
            for (Move m : moves) {
                Optional<ClusterNode> r = o.value().node(m.replica().id());
                if (r.isEmpty() || !r.get().masterId().equals(Optional.of(m.newMaster().id()))) {
                    return Optional.of(o.input().address() + " does not see " + m.replica().address()
                            + " replicating " + m.newMaster().address() + " yet");
                }
            }
        }
        return Optional.empty();
    }
}
