package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.Batch;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.NodeError;
import dev.trib.commands.node.ServerVersion;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code trib failover}: promotes a replica with CLUSTER FAILOVER and waits until every reachable node sees it
 * as the master. Given a master, promotes its best replica; given a host, does that for every master on it.
 */
public final class FailoverOperation {
    /** CLUSTER FAILOVER's variants. */
    public enum Mode { DEFAULT, FORCE, TAKEOVER }

    /** One promotion: the replica that takes over from the master. */
    public record Promotion(NodeReport replica, NodeReport master) {
        public String description() {
            return "Promote " + replica.address() + " (" + replica.self().shortId() + ") to replace master "
                    + master.address() + " (" + master.self().shortId() + ")";
        }
    }

    /**
     * Slots a promoted replica had dropped in its own view and was given back (see {@link #reclaim}), and how many
     * fewer keys it holds in them than just before the failover: Redis deletes a slot's keys when it drops a slot
     * it still holds keys of.
     */
    public record Reclaimed(HostAndPort replica, SlotSet slots, long keysLost) {
        public String warning() {
            return replica + " lost slot(s) " + slots.summary(4) + " of its old master in its own view after taking "
                    + "over (a fault of Redis 7.0.13 to 7.2.3); given back with CLUSTER SETSLOT NODE"
                    + (keysLost > 0 ? ", but Redis had deleted their keys: " + keysLost + " fewer than before the "
                    + "failover (its old master resyncs from it, so restore them from a backup)." : ", with every key.");
        }
    }

    /** How long one CLUSTER FAILOVER is given before it is asked again: Redis's 5 s limit plus an election. */
    private static final Duration ATTEMPT = Duration.ofSeconds(12);

    private final NodeConnector connector;

    public FailoverOperation(NodeConnector connector) {
        this.connector = connector;
    }

    public ClusterSnapshot load(HostAndPort entry) {
        return new ClusterLoader(connector).load(entry);
    }

    /**
     * The node named by full ID, unique ID prefix of 4+ characters or HOST:PORT (a host name is resolved first),
     * through {@link NodeIds}, or a refusal.
     */
    public NodeReport find(ClusterSnapshot s, String ref) {
        return NodeIds.node(s.nodes(), ref);
    }

    /** The node at this address (a host name is resolved first), or a refusal. */
    public NodeReport find(ClusterSnapshot s, HostAndPort address) {
        return NodeIds.at(s.nodes(), address);
    }

    /** For the node named: itself if a replica, else its best replica. */
    public Promotion forNode(ClusterSnapshot s, NodeReport node, Mode mode) {
        HostAndPort address = node.address();
        if (node.self().isReplica()) {
            NodeReport master = node.self().masterId().flatMap(s::node).orElseThrow(() ->
                    new OperationRefusedException("Replica " + address + " has no known master."));
            if (!node.reachable()) {
                throw new OperationRefusedException("Replica " + address + " cannot be reached: "
                        + node.failure().orElse("?"));
            }
            return new Promotion(node, master);
        }
        if (node.self().slots().isEmpty()) {
            throw new OperationRefusedException("Node " + address + " is a master without slots: nothing to fail over.");
        }
        return new Promotion(best(s, node, Optional.empty(), mode).orElseThrow(() -> new OperationRefusedException(
                "Master " + address + " has no eligible replica (reachable, link up, not failing).")), node);
    }

    /** Every master on the host, each to its best replica on another host. */
    public List<Promotion> forHost(ClusterSnapshot s, String host, Mode mode) {
        String ip = resolve(new HostAndPort(host, 1)).host();
        List<Promotion> out = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (NodeReport m : s.masters()) {
            if (m.address().host().equals(ip) && !m.self().slots().isEmpty()) {
                Optional<NodeReport> r = best(s, m, Optional.of(ip), mode);
                if (r.isPresent()) {
                    out.add(new Promotion(r.get(), m));
                } else {
                    without.add(m.address().toString());
                }
            }
        }
        if (!without.isEmpty()) {
            throw new OperationRefusedException("No eligible replica on another host for master(s) "
                    + String.join(", ", without) + ": nothing was changed.");
        }
        return out;
    }

    /** Reachable, link to the master up (unless forced), not flagged failing; most replicated data first. */
    private Optional<NodeReport> best(ClusterSnapshot s, NodeReport master, Optional<String> notOnHost, Mode mode) {
        List<NodeReport> candidates = s.replicasOf(master.id()).stream()
                .filter(NodeReport::reachable)
                .filter(r -> notOnHost.map(h -> !r.address().host().equals(h)).orElse(true))
                .filter(r -> !r.self().isFailing())
                .toList();
        record Ranked(NodeReport replica, long offset) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (NodeReport r : candidates) {
            Map<String, String> info = connector.connect(r.address()).info("replication");
            if (mode == Mode.DEFAULT && !"up".equals(info.get("master_link_status"))) {
                continue;
            }
            ranked.add(new Ranked(r, Long.parseLong(info.getOrDefault("slave_repl_offset", "0"))));
        }
        return ranked.stream().max(Comparator.comparingLong(Ranked::offset)).map(Ranked::replica);
    }

    private volatile boolean stopRequested;

    /** From a Ctrl-C hook: finish the promotion in flight (a failover cannot be half-done), start no other. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs the promotions one after another, each waited for, until a stop request; returns how many ran. Slots a
     * promoted replica had to be given back are reported as soon as it is settled, so a later promotion that fails
     * does not hide them.
     */
    public int execute(ClusterSnapshot s, List<Promotion> promotions, Mode mode, Duration timeout,
                       Consumer<Reclaimed> onReclaimed) {
        int done = 0;
        for (Promotion p : promotions) {
            if (stopRequested) {
                break;
            }
            promote(s, p, mode, timeout).ifPresent(onReclaimed);
            done++;
        }
        return done;
    }

    /**
     * A manual failover that does not complete within Redis's own limit (5 s for the master's handshake, then an
     * election) is simply abandoned by the replica, so it is asked again, until the overall timeout.
     *
     * @return the slots the replica had dropped after taking over and was given back, if any
     */
    private Optional<Reclaimed> promote(ClusterSnapshot s, Promotion p, Mode mode, Duration timeout) {
        NodeClient replica = connector.connect(p.replica().address());
        Optional<String> option = mode == Mode.DEFAULT ? Optional.empty() : Optional.of(mode.name());
        long deadline = System.nanoTime() + timeout.toNanos();
        // Without a live master (--force, --takeover) the replica's belief is all there is.
        SlotSet slots = mode == Mode.DEFAULT ? readyToTakeOver(p, replica, timeout) : p.master().self().slots();
        // What a slot dropped after the takeover is checked against: one round trip, the claim's slots pipelined.
        Map<Integer, Long> keysBefore = keysIn(replica, slots);
        Set<Integer> given = ConcurrentHashMap.newKeySet();
        while (true) {
            // A retry can find the replica already promoted by the previous attempt, only not yet agreed on by every
            // node (a loaded cluster): it then answers "ERR You should send CLUSTER FAILOVER to a replica", and what
            // is left is to wait for agreement, not to fail. Its role is read only then, not before every attempt.
            Optional<NodeError> err = replica.one(b -> b.failover(option)).error();
            if (err.isPresent() && !isMaster(replica)) {
                throw new OperationRefusedException(p.replica().address() + " refused CLUSTER FAILOVER: " + err.get());
            }
            long left = deadline - System.nanoTime();
            Duration attempt = Duration.ofNanos(Math.max(1, Math.min(left, ATTEMPT.toNanos())));
            try {
                awaitTakenOver(s, p, slots, attempt, given);
                return reclaimed(p, given, keysBefore);
            } catch (Waits.WaitTimeoutException e) {
                if (System.nanoTime() >= deadline) {
                    throw new OperationRefusedException("Gave up after " + timeout.toMillis() + " ms: "
                            + unsettled(s, p, slots, given, new Laggard()).or(() -> notPromoted(s, p, slots, given))
                            .orElse("?")
                            + ". Roles now: " + roles(s, p) + ".");
                }
            }
        }
    }

    /** The slots given back, with the keys they lost since {@code keysBefore} was counted; empty when none. */
    private Optional<Reclaimed> reclaimed(Promotion p, Set<Integer> given, Map<Integer, Long> keysBefore) {
        if (given.isEmpty()) {
            return Optional.empty();
        }
        SlotSet dropped = SlotSet.of(given);
        Map<Integer, Long> keysAfter = keysIn(connector.connect(p.replica().address()), dropped);
        long lost = dropped.stream().mapToLong(slot -> Math.max(0, keysBefore.getOrDefault(slot, 0L)
                - keysAfter.getOrDefault(slot, 0L))).sum();
        return Optional.of(new Reclaimed(p.replica().address(), dropped, lost));
    }

    /** COUNTKEYSINSLOT of each slot, in one round trip; a slot the node would not count is left out. */
    static Map<Integer, Long> keysIn(NodeClient node, SlotSet slots) {
        Batch b = node.batch();
        Map<Integer, Batch.Step<Long>> steps = new LinkedHashMap<>();
        slots.stream().forEach(slot -> steps.put(slot, b.countKeysInSlot(slot)));
        b.send();
        Map<Integer, Long> out = new HashMap<>();
        steps.forEach((slot, step) -> {
            if (step.answer().isOk()) {
                out.put(slot, step.answer().orElse(0L));
            }
        });
        return out;
    }

    /**
     * After CLUSTER FAILOVER: until the promoted replica holds the whole claim in its own view and, when its old
     * master answered at the start, sees that master as a replica (before that, the old master's claims can still
     * take a slot from it, {@link #reclaim}); then until every reachable node sees it as the master of the claim.
     *
     * @param keysBefore the replica's keys per slot of the claim before the failover ({@link #keysIn})
     * @return the slots the replica had dropped and was given back, if any, with the keys they lost
     */
    public Optional<Reclaimed> awaitTakenOver(ClusterSnapshot s, Promotion p, SlotSet claim,
                                              Map<Integer, Long> keysBefore, Duration timeout) {
        Set<Integer> given = ConcurrentHashMap.newKeySet();
        awaitTakenOver(s, p, claim, timeout, given);
        return reclaimed(p, given, keysBefore);
    }

    private void awaitTakenOver(ClusterSnapshot s, Promotion p, SlotSet claim, Duration timeout, Set<Integer> given) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Laggard demotion = new Laggard();
        Waits.until(timeout, () -> unsettled(s, p, claim, given, demotion));
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        awaitPromoted(s, p, claim, left, given);
    }

    /**
     * What keeps the promoted replica's own view from being final: not a master yet, its old master (when that
     * answered at the start) still a master in it, or slots of the claim missing (given back here). The old master
     * tells the new one it turned replica in its next message to it, which gossip may send only half a node timeout
     * later; still a master in that view after a second, the old master meets the new one, which sends one at once.
     */
    private Optional<String> unsettled(ClusterSnapshot s, Promotion p, SlotSet claim, Set<Integer> given,
                                       Laggard demotion) {
        ClusterView v = connector.connect(p.replica().address()).clusterView();
        Optional<ClusterNode> self = v.node(p.replica().id());
        if (self.isEmpty() || !self.get().isMaster()) {
            return Optional.of(p.replica().address() + " is not a master yet");
        }
        SlotSet own = self.get().slots();
        if (!own.equals(claim)) {
            reclaim(v, p, own, claim, given);
            SlotSet missing = claim.minus(own);
            SlotSet extra = own.minus(claim);
            return Optional.of(p.replica().address() + ", in its own view,"
                    + (missing.isEmpty() ? "" : " lacks slots " + missing.summary(4) + " of its old master's")
                    + (missing.isEmpty() || extra.isEmpty() ? "" : " and")
                    + (extra.isEmpty() ? "" : " holds slots " + extra.summary(4) + " beyond its old master's "
                    + claim.summary(4)));
        }
        boolean masterWatched = s.node(p.master().id()).map(NodeReport::reachable).orElse(false);
        if (masterWatched && v.node(p.master().id()).map(ClusterNode::isMaster).orElse(false)) {
            if (demotion.nudgeDue()) {
                NodeAddress at = self.get().address();
                try {
                    connector.connect(p.master().address()).meet(at.ip(), at.port(), at.clusterPort());
                } catch (RuntimeException e) {
                    return Optional.empty(); // it stopped answering: it cannot be waited for, as with --force
                }
            }
            return Optional.of(p.replica().address() + " still sees its old master " + p.master().address()
                    + " as a master");
        }
        return Optional.empty();
    }

    /**
     * Until the replica sees its master with the slots the master claims, which is what it will claim once it takes
     * over. A replica that has not heard of its master's last slot changes would claim slots its master gave away,
     * with an epoch newer than their owner's (whose copy of those keys Redis 7.0 then deletes), or leave out slots
     * its master took in. A replica still behind after a second is met again by its master, which makes the master
     * send it its slots at once. Also until its cluster bus link to the master is up (unless the master is flagged
     * failing): Redis refuses CLUSTER FAILOVER without it ("Master is down or failed"), and a meeting between the
     * two, such as the last failover's nudge (see {@link #unsettled}), drops that link for a moment.
     *
     * @return the master's slots, which the promoted replica must then claim
     */
    private SlotSet awaitReplicaKnowsSlots(Promotion p, NodeClient replica, Duration timeout) {
        NodeClient master = connector.connect(p.master().address());
        SlotSet claim = master.clusterView().myself().map(ClusterNode::slots).orElse(p.master().self().slots());
        NodeAddress at = p.replica().self().address();
        Laggard laggard = new Laggard();
        try {
            Waits.until(timeout, () -> {
                Optional<ClusterNode> seenMaster = replica.clusterView().node(p.master().id());
                SlotSet seen = seenMaster.map(ClusterNode::slots).orElse(SlotSet.EMPTY);
                if (!seen.equals(claim)) {
                    if (laggard.nudgeDue()) {
                        master.meet(at.ip(), at.port(), at.clusterPort());
                    }
                    return Optional.of(p.replica().address() + " sees its master with slots " + seen.summary(4)
                            + ", the master claims " + claim.summary(4) + "; taking over now, it would claim the "
                            + "wrong slots");
                }
                if (seenMaster.isPresent() && !seenMaster.get().linkConnected()
                        && !seenMaster.get().is(NodeFlag.FAIL)) {
                    return Optional.of(p.replica().address() + " has no cluster bus link to its master");
                }
                return Optional.empty();
            });
        } catch (Waits.WaitTimeoutException e) {
            throw new OperationRefusedException("Not promoting " + p.replica().address() + ": " + e.getMessage()
                    + ".");
        }
        return claim;
    }

    /**
     * Clears the replica's stale slot marks where Redis keeps them ({@link ServerVersion#keepsStaleSlotMarks}),
     * then waits until it knows its master's slots ({@link #awaitReplicaKnowsSlots}).
     *
     * <p>A marked slot is lost after the takeover, and Redis deletes its keys ({@link #reclaim} gives the slot back,
     * not the keys). No command clears a mark, but a replica that binds a slot to its master on hearing the master
     * claim it also clears the mark of every other slot the master claims. So the replica forgets one slot of its
     * master (CLUSTER DELSLOTS changes its view only, not its keys), the master meets it, and the wait sees the slot
     * bound again. Meanwhile that replica misses a slot and answers CLUSTERDOWN: a moment, a few seconds at most
     * under load.
     *
     * @return the master's slots, which the promoted replica must then claim
     */
    SlotSet readyToTakeOver(Promotion p, NodeClient replica, Duration timeout) {
        if (replica.serverVersion().keepsStaleSlotMarks()) {
            OptionalInt slot = replica.clusterView().node(p.master().id()).map(ClusterNode::slots)
                    .orElse(SlotSet.EMPTY).stream().findFirst();
            // An error leaves the marks as they are: the takeover is then watched for them (reclaim).
            if (slot.isPresent() && replica.one(b -> b.delSlot(slot.getAsInt())).error().isEmpty()) {
                NodeAddress at = p.replica().self().address();
                connector.connect(p.master().address()).one(b -> b.meet(at.ip(), at.port(), at.clusterPort()));
            }
        }
        return awaitReplicaKnowsSlots(p, replica, timeout);
    }

    private static boolean isMaster(NodeClient node) {
        return node.clusterView().myself().map(ClusterNode::isMaster).orElse(false);
    }

    /**
     * Until the replica says it is a master and every reachable node agrees it owns the slots. Each node is polled
     * on its own clock and not again once it agrees: polled in rounds, every round read all views again (22,500
     * lines at 150 nodes) and lasted as long as the slowest node took to answer.
     */
    private void awaitPromoted(ClusterSnapshot s, Promotion p, SlotSet slots, Duration attempt, Set<Integer> given) {
        List<NodeReport> watchers = watchers(s, p);
        Waits.untilEach(watchers, attempt, Waits.eachInterval(watchers.size()),
                "nodes do not see " + p.replica().address() + " as the master of its slots yet",
                n -> notSeen(n, p, slots, given));
    }

    /** The first node that does not see the promotion yet, for the message of a failover given up. */
    private Optional<String> notPromoted(ClusterSnapshot s, Promotion p, SlotSet slots, Set<Integer> given) {
        return Parallel.mapAll(watchers(s, p), n -> notSeen(n, p, slots, given)).stream().flatMap(Optional::stream)
                .findFirst();
    }

    private static List<NodeReport> watchers(ClusterSnapshot s, Promotion p) {
        return s.reachable().stream().filter(n -> !n.id().equals(p.master().id())).toList();
    }

    /**
     * Empty when this node sees the replica as the master of these slots, or no longer answers. The replica's own
     * view is also where a dropped slot is noticed and given back ({@link #reclaim}).
     */
    private Optional<String> notSeen(NodeReport node, Promotion p, SlotSet slots, Set<Integer> given) {
        ClusterView v;
        try {
            v = connector.connect(node.address()).clusterView();
        } catch (RuntimeException e) {
            return Optional.empty(); // a node that stopped answering cannot hold the failover back
        }
        Optional<ClusterNode> seen = v.node(p.replica().id());
        if (seen.isEmpty() || !seen.get().isMaster()) {
            return Optional.of(node.address() + " does not see " + p.replica().address() + " as a master yet");
        }
        if (!seen.get().slots().equals(slots)) {
            if (node.id().equals(p.replica().id())) {
                reclaim(v, p, seen.get().slots(), slots, given);
            }
            return Optional.of(node.address() + " sees " + p.replica().address() + " as the master of slots "
                    + seen.get().slots().summary(4) + ", not " + slots.summary(4));
        }
        return Optional.empty();
    }

    /**
     * Gives the promoted replica back the slots of its claim that its own view leaves without an owner or with the
     * old master. Redis 7.0.13 to 7.2.3 mark a slot whose owner was heard not to claim it (a stale message from the
     * master or a sibling replica, sent before a slot move reached it), and the mark outlives the replica's
     * takeover: the old master's next claim, sent before it heard of the takeover, then takes the slot straight
     * back whatever the epochs, and once it turns replica nobody owns the slot in the new master's view while
     * every other node names the new master (redis/redis#12564, fixed in 7.2.4). A 250-node failover after a
     * drain hit it in every run. Only those two owners are overruled: a slot another master took is that
     * master's. Called with the promoted replica's own view, once that says it is a master.
     *
     * @param own the slots that view gives it
     */
    private void reclaim(ClusterView v, Promotion p, SlotSet own, SlotSet claim, Set<Integer> given) {
        List<Integer> dropped = claim.minus(own).stream()
                .filter(slot -> v.ownerOf(slot).map(o -> o.equals(p.master().id())).orElse(true))
                .boxed().toList();
        if (dropped.isEmpty()) {
            return;
        }
        Batch b = connector.connect(p.replica().address()).batch();
        Map<Integer, Batch.Step<Void>> steps = new LinkedHashMap<>();
        dropped.forEach(slot -> steps.put(slot, b.node(slot, p.replica().id())));
        b.send();
        steps.forEach((slot, step) -> {
            if (step.answer().error().isEmpty()) {
                given.add(slot);
            }
        });
    }

    /**
     * The roles of the promotion's two nodes, then a count of the others' (naming up to five unreachable ones): a
     * line per node of 250 was a wall no one reads.
     */
    private String roles(ClusterSnapshot s, Promotion p) {
        Map<HostAndPort, String> role = new LinkedHashMap<>();
        for (var o : Parallel.map(s.nodes(), n -> connector.connect(n.address()).clusterView().myself()
                .map(m -> m.isMaster() ? "master" : "replica").orElse("unknown"))) {
            role.put(o.input().address(), o.ok() ? o.value() : "unreachable");
        }
        List<HostAndPort> pair = List.of(p.replica().address(), p.master().address());
        String out = pair.stream().map(a -> a + " " + role.remove(a)).collect(Collectors.joining(", "));
        if (role.isEmpty()) {
            return out;
        }
        Map<String, Long> counts = role.values().stream()
                .collect(Collectors.groupingBy(r -> r, java.util.TreeMap::new, Collectors.counting()));
        List<String> unreachable = role.entrySet().stream().filter(e -> e.getValue().equals("unreachable"))
                .map(e -> e.getKey().toString()).toList();
        return out + "; the other " + role.size() + " nodes: " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() > 1 && !e.getKey().equals("unreachable")
                        ? "s" : "")).collect(Collectors.joining(", "))
                + (unreachable.isEmpty() ? "" : " (" + String.join(", ", unreachable.subList(0,
                Math.min(5, unreachable.size()))) + (unreachable.size() > 5 ? ", ..." : "") + ")");
    }

    static HostAndPort resolve(HostAndPort a) {
        try {
            return new HostAndPort(InetAddress.getByName(a.host()).getHostAddress().toLowerCase(Locale.ROOT),
                    a.port());
        } catch (UnknownHostException e) {
            throw new OperationRefusedException(List.of("Could not connect to " + a + ": unknown host"), true);
        }
    }
}
