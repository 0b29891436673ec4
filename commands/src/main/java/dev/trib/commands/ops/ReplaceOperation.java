package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.ServerVersion;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.HostAndPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces one cluster node by an empty one, the Redis tutorial's upgrade procedure as one operation: NEW joins
 * as a replica of OLD's shard, catches up, takes over when OLD is the master, and OLD leaves (forgotten everywhere,
 * then reset). Every step is checked before the next. The phase to run is read from the cluster itself, so a
 * stopped or failed replace is resumed by running it again with the same two nodes.
 */
public final class ReplaceOperation {
    /** The steps in order; a plan starts at the first one the cluster has not done yet. */
    public enum Phase { JOIN, SYNC, FAILOVER, REMOVE, DONE }

    /**
     * @param old         OLD as the cluster sees it (absent once it was removed)
     * @param shardMaster the master of OLD's shard, which NEW follows until it takes over
     * @param newNode     NEW as the cluster sees it (absent before it joined)
     * @param join        how NEW joins (present when the plan starts at JOIN)
     */
    public record Plan(ClusterSnapshot snapshot, HostAndPort oldAddress, HostAndPort newAddress,
                       Optional<NodeReport> old, Optional<NodeReport> shardMaster, Optional<NodeReport> newNode,
                       boolean failover, Phase from, Optional<AddNodeOperation.Prepared> join,
                       ServerVersion oldVersion, ServerVersion newVersion) {
        /** The steps still to run, in words, one line each. */
        public List<String> steps() {
            List<String> out = new ArrayList<>();
            String master = shardMaster.map(m -> m.address() + " (" + m.self().shortId() + ")").orElse("?");
            if (from.compareTo(Phase.JOIN) <= 0) {
                out.add("Join " + newAddress + " (Redis " + newVersion + ") as a replica of " + master);
            }
            if (from.compareTo(Phase.SYNC) <= 0) {
                out.add("Wait until " + newAddress + " is in sync with " + master);
            }
            if (failover && from.compareTo(Phase.FAILOVER) <= 0) {
                out.add("Fail over: " + newAddress + " takes over the slots of " + oldAddress);
            }
            if (from.compareTo(Phase.REMOVE) <= 0) {
                out.add(old.map(NodeReport::reachable).orElse(true)
                        ? "Remove " + oldAddress + " (Redis " + oldVersion + "): CLUSTER FORGET on every node, then "
                          + "CLUSTER RESET SOFT on it"
                        : "Remove " + oldAddress + " (unreachable): CLUSTER FORGET on every node");
            }
            return out;
        }
    }

    /** What was done: the phase the run started at, and NEW's id and role at the end. */
    public record Result(Phase startedAt, String newId, boolean newIsMaster, boolean oldReset) {
    }

    /** Thrown when {@link #requestStop()} ended the run between or inside steps; rerunning resumes. */
    public static final class StoppedException extends OperationRefusedException {
        StoppedException(Phase phase) {
            super("Stopped before the " + phase.name().toLowerCase() + " step finished: run the same replace "
                    + "again to resume.");
        }
    }

    private final NodeConnector connector;
    private volatile boolean stopRequested;

    public ReplaceOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** Stop at the next check (a Ctrl-C hook): the cluster stays as the last finished step left it. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Reads where the replacement stands and validates what is left; changes nothing. */
    public Plan prepare(HostAndPort oldGiven, HostAndPort newGiven) {
        return prepare(oldGiven, newGiven, Optional.empty());
    }

    /**
     * As {@link #prepare(HostAndPort, HostAndPort)}; {@code via} is a live member to read the cluster from, needed
     * when OLD is down and NEW has not joined yet.
     */
    public Plan prepare(HostAndPort oldGiven, HostAndPort newGiven, Optional<HostAndPort> via) {
        HostAndPort oldAddress = FailoverOperation.resolve(oldGiven);
        HostAndPort newAddress = FailoverOperation.resolve(newGiven);
        if (oldAddress.equals(newAddress)) {
            throw new OperationRefusedException("OLD and NEW are the same node (" + oldAddress + ").");
        }
        NodeClient newClient = connector.connect(newGiven);
        ServerVersion newVersion = newClient.serverVersion();
        ClusterSnapshot s = load(oldGiven, newGiven, newClient, via);
        Optional<NodeReport> old = at(s, oldAddress);
        Optional<NodeReport> neu = at(s, newAddress);
        if (old.isEmpty()) {
            if (neu.isPresent()) {
                return new Plan(s, oldAddress, newAddress, old, Optional.empty(), neu, false, Phase.DONE,
                        Optional.empty(), ServerVersion.UNKNOWN, newVersion);
            }
            throw new OperationRefusedException("No node at " + oldGiven + " in the cluster of " + s.entry()
                    + ": OLD must be a member.");
        }
        NodeReport o = old.get();
        ServerVersion oldVersion = o.reachable() ? connector.connect(o.address()).serverVersion()
                : ServerVersion.UNKNOWN;
        ClusterNode oldSelf = o.self();
        if (neu.isPresent() && oldSelf.isReplica() && oldSelf.masterId().equals(Optional.of(neu.get().id()))) {
            // NEW already took over (OLD may have died since): only OLD's removal is left.
            return new Plan(s, oldAddress, newAddress, old, neu, neu, true, Phase.REMOVE, Optional.empty(),
                    oldVersion, newVersion);
        }
        if (!o.reachable()) {
            return prepareForDeadOld(s, o, neu, newGiven, newAddress, newVersion);
        }
        NodeReport master = oldSelf.isMaster() ? o : oldSelf.masterId().flatMap(s::node).orElseThrow(() ->
                new OperationRefusedException("Replica " + oldAddress + " has no known master: nothing to join "
                        + newAddress + " to."));
        if (master.self().slots().isEmpty()) {
            throw new OperationRefusedException("Node " + master.address() + " is a master without slots: "
                    + "replace it with 'trib add-node' and 'trib del-node' instead.");
        }
        boolean failover = oldSelf.isMaster();
        if (failover) {
            requireReplicasCanFollow(s, o, newAddress, newVersion);
        }
        return joinOrSync(s, o, master, neu, newGiven, newAddress, failover, oldVersion, newVersion);
    }

    /** NEW joins master's shard, or, already its replica, waits for the sync. */
    private Plan joinOrSync(ClusterSnapshot s, NodeReport old, NodeReport master, Optional<NodeReport> neu,
                            HostAndPort newGiven, HostAndPort newAddress, boolean failover, ServerVersion oldVersion,
                            ServerVersion newVersion) {
        if (neu.isPresent()) {
            NodeReport n = neu.get();
            if (!n.self().masterId().equals(Optional.of(master.id()))) {
                throw new OperationRefusedException("Node " + newAddress + " is already a member of the cluster, "
                        + "but not a replica of " + master.address() + ": NEW must be an empty node.");
            }
            return new Plan(s, old.address(), newAddress, Optional.of(old), Optional.of(master), neu, failover,
                    Phase.SYNC, Optional.empty(), oldVersion, newVersion);
        }
        AddNodeOperation.Prepared join = new AddNodeOperation(connector).prepare(new AddNodeOperation.Request(
                newGiven, master.address(), true, Optional.of(master.id())));
        return new Plan(s, old.address(), newAddress, Optional.of(old), Optional.of(master), Optional.empty(),
                failover, Phase.JOIN, Optional.of(join), oldVersion, newVersion);
    }

    /**
     * OLD is down. A failed replica, or a failed master whose slots a replica took over already, is replaced by NEW
     * joining the live shard and OLD being forgotten everywhere (as del-node does for a dead node). A failed
     * master that still owns slots is refused: its shard has no live master to join yet.
     */
    private Plan prepareForDeadOld(ClusterSnapshot s, NodeReport old, Optional<NodeReport> neu, HostAndPort newGiven,
                                   HostAndPort newAddress, ServerVersion newVersion) {
        ClusterNode self = old.self();
        String why = old.failure().orElse("unreachable");
        NodeReport master;
        if (self.isMaster() && !self.slots().isEmpty()) {
            String next = s.replicasOf(old.id()).stream().filter(NodeReport::reachable).findFirst()
                    .map(r -> "wait for its replicas' election (cluster-node-timeout), or promote one now with "
                            + "'trib failover --force " + r.address() + "'; then run this replace again")
                    .orElse("it has no reachable replica to take over, so bring it back (its data is only there)");
            throw new OperationRefusedException("Master " + old.address() + " cannot be reached (" + why
                    + ") and still owns " + self.slots().size() + " slots: " + next + ".");
        } else if (self.isReplica()) {
            master = self.masterId().flatMap(s::node).filter(NodeReport::reachable).orElseThrow(() ->
                    new OperationRefusedException("Replica " + old.address() + " cannot be reached (" + why
                            + ") and neither can its master: there is no live shard to join " + newAddress + " to."));
        } else {
            // A failed master whose slots moved: the cluster no longer says which replica took over. That shard
            // lost the promoted replica, so it is the one add-node --replica picks (fewest replicas), unless NEW
            // joined one in an earlier run.
            Optional<NodeReport> followed = neu.flatMap(n -> n.self().masterId()).flatMap(s::node);
            if (followed.isEmpty()) {
                AddNodeOperation.Prepared join = new AddNodeOperation(connector).prepare(
                        new AddNodeOperation.Request(newGiven, s.entry(), true, Optional.empty()));
                return new Plan(s, old.address(), newAddress, Optional.of(old), join.master(), Optional.empty(),
                        false, Phase.JOIN, Optional.of(join), ServerVersion.UNKNOWN, newVersion);
            }
            master = followed.get();
        }
        return joinOrSync(s, old, master, neu, newGiven, newAddress, false, ServerVersion.UNKNOWN, newVersion);
    }

    /**
     * OLD's cluster while OLD is a member; NEW's once OLD is gone (unreachable, or reset by an earlier run), so a
     * finished or half-finished replace is recognised. A NEW that belongs to some other cluster is never taken
     * for the one OLD is in. With {@code via}, the cluster is read from that member.
     */
    private ClusterSnapshot load(HostAndPort oldGiven, HostAndPort newGiven, NodeClient newClient,
                                 Optional<HostAndPort> via) {
        if (via.isPresent()) {
            return new ClusterLoader(connector).load(via.get());
        }
        NodeAccessException oldFailure = null;
        try {
            if (connector.connect(oldGiven).clusterView().nodes().size() > 1) {
                return new ClusterLoader(connector).load(oldGiven);
            }
        } catch (NodeAccessException e) {
            oldFailure = e;
        }
        if (newClient.clusterView().nodes().size() > 1) {
            return new ClusterLoader(connector).load(newGiven);
        }
        if (oldFailure != null) {
            throw new OperationRefusedException(List.of("OLD " + oldGiven + " cannot be reached ("
                    + oldFailure.getMessage() + ") and NEW " + newGiven + " is not a member of a cluster: name a "
                    + "live member with --via HOST:PORT."), true);
        }
        throw new OperationRefusedException("OLD " + oldGiven + " is not a member of a cluster (it knows no other "
                + "node).");
    }

    private static Optional<NodeReport> at(ClusterSnapshot s, HostAndPort address) {
        return s.nodes().stream().filter(n -> n.address().equals(address)).findFirst();
    }

    /** When NEW becomes the master, the shard's other replicas sync from it: each must read NEW's data format. */
    private void requireReplicasCanFollow(ClusterSnapshot s, NodeReport master, HostAndPort newAddress,
                                          ServerVersion newVersion) {
        for (NodeReport r : s.replicasOf(master.id())) {
            if (r.address().equals(newAddress) || !r.reachable()) {
                continue;
            }
            ServerVersion v = connector.connect(r.address()).serverVersion();
            Optional<String> why = v.refusalToRead(newVersion, newAddress, r.address());
            if (why.isPresent()) {
                throw new OperationRefusedException("Replica " + r.address() + " could not follow " + newAddress
                        + " once it is the master: " + why.get() + " (replace the replicas first).");
            }
        }
    }

    public Result execute(Plan plan, ProgressListener progress, Duration timeout, Duration syncTimeout) {
        Phase phase = plan.from();
        String newId = plan.newNode().map(NodeReport::id).orElse(null);
        boolean reset = false;
        if (phase == Phase.JOIN) {
            checkStop(phase);
            AddNodeOperation.Prepared join = plan.join().orElseThrow();
            new AddNodeOperation(connector).execute(join, progress, timeout);
            newId = join.self().id();
            phase = Phase.SYNC;
        }
        if (phase == Phase.SYNC) {
            awaitInSync(plan, progress, syncTimeout);
            phase = plan.failover() ? Phase.FAILOVER : Phase.REMOVE;
        }
        if (phase == Phase.FAILOVER) {
            checkStop(phase);
            failover(plan, newId, progress, timeout);
            phase = Phase.REMOVE;
        }
        if (phase == Phase.REMOVE) {
            checkStop(phase);
            DelNodeOperation del = new DelNodeOperation(connector);
            DelNodeOperation.Prepared p = del.prepare(plan.newAddress(), plan.old().orElseThrow().id());
            DelNodeOperation.Result r = del.execute(p, progress, timeout);
            if (!r.forgetFailures().isEmpty()) {
                throw new OperationRefusedException("Nodes still know " + plan.oldAddress() + ": "
                        + r.forgetFailures() + ". Run the same replace again once they answer.");
            }
            reset = r.reset();
        } else if (phase == Phase.DONE) {
            reset = resetIfStillClustered(plan, progress);
        }
        ClusterNode self = connector.connect(plan.newAddress()).clusterView().myself().orElseThrow();
        return new Result(plan.from(), self.id(), self.isMaster(), reset);
    }

    /**
     * In sync: NEW's link to its master is up, no full sync is running, and NEW's offset has reached the master's
     * offset as it was when the wait began (writes keep coming; NEW need not pass a moving mark).
     */
    private void awaitInSync(Plan plan, ProgressListener progress, Duration timeout) {
        NodeReport master = plan.shardMaster().orElseThrow();
        progress.step("Waiting for " + plan.newAddress() + " to be in sync with " + master.address());
        NodeClient replica = connector.connect(plan.newAddress());
        NodeClient m = connector.connect(master.address());
        Waits.until(timeout, Duration.ofMillis(100), () -> {
            checkStop(Phase.SYNC);
            Map<String, String> r = replica.info("replication");
            if (!"up".equals(r.get("master_link_status")) || !"0".equals(r.getOrDefault("master_sync_in_progress",
                    "0"))) {
                return Optional.of(plan.newAddress() + " has no working link to " + master.address() + " yet ("
                        + "master_link_status:" + r.get("master_link_status") + ")");
            }
            return Optional.empty();
        });
        long mark = Long.parseLong(m.info("replication").getOrDefault("master_repl_offset", "0"));
        Waits.until(timeout, Duration.ofMillis(50), () -> {
            checkStop(Phase.SYNC);
            long at = Long.parseLong(replica.info("replication").getOrDefault("slave_repl_offset", "-1"));
            return at >= mark ? Optional.empty() : Optional.of(plan.newAddress() + " is at replication offset " + at
                    + ", " + master.address() + " was at " + mark);
        });
        progress.detail(plan.newAddress() + " is in sync (replication offset " + mark + " reached).");
        awaitSeenAsReplica(plan, master, timeout);
    }

    /**
     * Every node lists NEW as a replica of the master: a master ignores a manual failover request (MFSTART) from a
     * node it does not list as its own replica, and masters vote only for a node they see as a replica.
     */
    private void awaitSeenAsReplica(Plan plan, NodeReport master, Duration timeout) {
        NodeClient replica = connector.connect(plan.newAddress());
        String newId = replica.clusterView().myself().orElseThrow().id();
        List<NodeClient> all = plan.snapshot().reachable().stream().map(n -> connector.connect(n.address()))
                .toList();
        Waits.until(timeout, () -> {
            checkStop(Phase.SYNC);
            for (var o : Parallel.map(all, NodeClient::clusterView)) {
                if (!o.ok()) {
                    return Optional.of(o.input().address() + " did not answer: " + o.error().getMessage());
                }
                Optional<ClusterNode> n = o.value().node(newId);
                if (n.isEmpty() || !n.get().masterId().equals(Optional.of(master.id()))) {
                    return Optional.of(o.input().address() + " does not list " + plan.newAddress()
                            + " as a replica of " + master.address() + " yet");
                }
            }
            return Optional.empty();
        });
    }

    /** A default (coordinated) failover, then every node must see NEW as the master and OLD as its replica. */
    private void failover(Plan plan, String newId, ProgressListener progress, Duration timeout) {
        progress.step("Failing over " + plan.oldAddress() + " to " + plan.newAddress());
        FailoverOperation f = new FailoverOperation(connector);
        ClusterSnapshot s = f.load(plan.newAddress());
        NodeReport neu = s.node(newId).orElseThrow();
        NodeReport old = s.node(plan.old().orElseThrow().id()).orElseThrow();
        f.execute(s, List.of(new FailoverOperation.Promotion(neu, old)), FailoverOperation.Mode.DEFAULT, timeout,
                r -> progress.warning(r.warning()));
        List<NodeClient> all = s.reachable().stream().map(n -> connector.connect(n.address())).toList();
        Waits.until(timeout, () -> {
            for (var o : Parallel.map(all, NodeClient::clusterView)) {
                if (!o.ok()) {
                    return Optional.of(o.input().address() + " did not answer: " + o.error().getMessage());
                }
                Optional<ClusterNode> n = o.value().node(newId);
                Optional<ClusterNode> was = o.value().node(old.id());
                if (n.isEmpty() || !n.get().isMaster() || !n.get().slots().equals(old.self().slots())
                        || was.isEmpty() || !was.get().masterId().equals(Optional.of(newId))) {
                    return Optional.of(o.input().address() + " does not see " + plan.newAddress() + " as the master "
                            + "and " + plan.oldAddress() + " as its replica yet");
                }
            }
            return Optional.empty();
        });
        progress.detail(plan.newAddress() + " is the master of " + old.self().slots().size()
                + " slots on every node.");
    }

    /**
     * OLD was forgotten by a run that stopped before resetting it: reset it now if it still lists NEW (so it is a
     * leftover of this cluster, not a member of another one).
     */
    private boolean resetIfStillClustered(Plan plan, ProgressListener progress) {
        String newId = plan.newNode().orElseThrow().id();
        try {
            NodeClient old = connector.connect(plan.oldAddress());
            if (old.clusterView().node(newId).isPresent()) {
                progress.step("Sending CLUSTER RESET SOFT to " + plan.oldAddress());
                old.resetSoft();
            }
            return true;
        } catch (NodeAccessException e) {
            return false;
        }
    }

    private void checkStop(Phase phase) {
        if (stopRequested) {
            throw new StoppedException(phase);
        }
    }
}
