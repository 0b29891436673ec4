package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.migrate.MigrationEngine;
import dev.trib.commands.migrate.MigrationListener;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.node.Batch;
import dev.trib.commands.node.Batch.Step;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.NodeError;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.fix.FixPlan;
import dev.trib.planner.fix.FixPlanner;
import dev.trib.planner.fix.FixStep.Assign;
import dev.trib.planner.fix.FixStep.FinishMove;
import dev.trib.planner.fix.FixStep.Introduce;
import dev.trib.planner.fix.FixStep.MoveStrayKeys;
import dev.trib.planner.fix.FixStep.ResolveOwners;
import dev.trib.planner.fix.FixStep.ReturnKeys;
import dev.trib.planner.fix.FixStep.Stabilize;
import dev.trib.planner.fix.FixStep;
import dev.trib.planner.fix.FixText;
import dev.trib.planner.fix.KeyCounts;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.SlotSet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code trib fix}: repairs open and uncovered slots, slots with several owners, keys left in slots their node does
 * not own, and nodes that forgot each other. Gathers what {@link FixPlanner} needs (the nodes' own descriptions and
 * the key counts it names), lets it plan (so --dry-run can list the repairs and nothing starts when one case cannot
 * be fixed safely), then executes the plan's steps.
 */
public final class FixOperation {
    private final NodeConnector connector;
    private volatile boolean stopRequested;
    private volatile MigrationEngine engine;

    public FixOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /**
     * The repair plan for the cluster at {@code entry}: loads the cluster, refuses (exit 3) when masters with slots
     * cannot be reached unless told to repair around them, counts the keys {@link FixPlanner} needs, and plans.
     */
    public FixPlan plan(HostAndPort entry, boolean withUnreachableMasters, boolean searchMultipleOwners) {
        ClusterSnapshot s = new ClusterLoader(connector).load(entry);
        List<NodeReport> unreachable = FixPlanner.unreachableMasters(s);
        if (!unreachable.isEmpty() && !withUnreachableMasters) {
            throw new OperationRefusedException(List.of(FixText.unreachable(unreachable)), true);
        }
        return FixPlanner.plan(s, countKeys(s, FixPlanner.countsNeeded(s, searchMultipleOwners)),
                searchMultipleOwners);
    }

    /** COUNTKEYSINSLOT for the slots asked, one pipeline per node, the nodes in parallel; a failed count reads 0. */
    private KeyCounts countKeys(ClusterSnapshot s, Map<String, SlotSet> needed) {
        List<Map.Entry<String, SlotSet>> asks = List.copyOf(needed.entrySet());
        List<Map<Integer, Long>> counted = Parallel.mapAll(asks, ask -> {
            int[] slots = ask.getValue().toArray();
            Batch b = connector.connect(s.node(ask.getKey()).orElseThrow().address()).batch();
            List<Step<Long>> replies = Arrays.stream(slots).mapToObj(b::countKeysInSlot).toList();
            b.send();
            Map<Integer, Long> counts = new HashMap<>();
            for (int i = 0; i < slots.length; i++) {
                // Only slots holding keys are kept: a 250-master cluster asks about 16384 slots per master.
                long n = replies.get(i).answer().orElse(0L);
                if (n > 0) {
                    counts.put(slots[i], n);
                }
            }
            return counts;
        });
        Map<String, Map<Integer, Long>> byNode = new HashMap<>();
        for (int i = 0; i < asks.size(); i++) {
            byNode.put(asks.get(i).getKey(), counted.get(i));
        }
        return KeyCounts.of(byNode);
    }

    /** From a Ctrl-C hook: finish the repair in flight (a slot move closes its round), start no other. */
    public void requestStop() {
        stopRequested = true;
        MigrationEngine e = engine;
        if (e != null) {
            e.requestStop();
        }
    }

    /** How far {@link #apply} got: every repair, or {@code done} of them when stopped. */
    public record Applied(int done, int total, boolean stopped) {
    }

    /** Applies the plan (up to a stop request) and waits until every node agrees. */
    public Applied apply(FixPlan plan, MigrationOptions options, MigrationListener listener) {
        ClusterSnapshot s = plan.snapshot();
        Map<String, HostAndPort> masters = ReshardOperation.masters(s);
        List<SlotMove> finish = new ArrayList<>();
        List<ResolveOwners> contested = plan.steps().stream()
                .filter(ResolveOwners.class::isInstance).map(ResolveOwners.class::cast).toList();
        // Competing claims are given up before forgotten nodes meet again, or Redis would settle them on meeting
        // by epoch and the losing side would delete its keys of the slot.
        for (ResolveOwners r : contested) {
            r.others().forEach(o -> expectOk(o, b -> b.delSlot(r.slot())));
        }
        contested.stream().map(ResolveOwners::keeper).distinct().forEach(k -> connector.connect(k.address())
                .one(Batch::bumpEpoch));
        plan.steps().stream().filter(Introduce.class::isInstance).forEach(a -> introduce((Introduce) a));
        contested.forEach(r -> handOver(r, options));
        int done = contested.size() + (int) plan.steps().stream().filter(Introduce.class::isInstance).count();
        for (FixStep a : plan.steps()) {
            if (stopRequested) {
                break;
            }
            if (!(a instanceof ResolveOwners || a instanceof Introduce || a instanceof FinishMove)) {
                done++;
            }
            if (a instanceof MoveStrayKeys m) {
                moveKeys(m.slot(), m.holder(), m.owner(), options);
            } else if (a instanceof FinishMove f) {
                finish.add(new SlotMove(f.slot(), f.owner().id(), f.target().id()));
            } else if (a instanceof Stabilize st) {
                expectOk(st.node(), b -> b.stable(st.slot()));
            } else if (a instanceof ReturnKeys r) {
                returnKeys(r, options);
            } else if (a instanceof Assign as) {
                claim(as);
            }
        }
        if (!finish.isEmpty() && !stopRequested) {
            MigrationEngine e = new MigrationEngine(connector, masters, options, listener);
            engine = e;
            if (stopRequested) {
                e.requestStop();
            }
            done += e.run(finish, ReshardOperation.owners(s), null).slotsMoved();
        }
        List<NodeClient> all = Parallel.mapAll(s.reachable(), n -> connector.connect(n.address()));
        ClusterWaits.awaitAgreement(all, Duration.ofSeconds(30));
        int total = plan.steps().size();
        return new Applied(Math.min(done, total), total, done < total);
    }

    /**
     * The master takes the slots, also those its own view still gives to an unreachable master (DELSLOTS first, or
     * ADDSLOTS says "already busy"), in one MULTI so it never drops a slot without taking it; then a fresh, highest
     * epoch makes its claim win over any stale one in other nodes' views.
     */
    private void claim(Assign as) {
        NodeClient c = connector.connect(as.master().address());
        ClusterView view = c.clusterView();
        SlotSet busy = SlotSet.of(as.slots().stream().filter(slot -> view.ownerOf(slot).isPresent()).boxed().toList());
        c.one(b -> b.takeSlots(busy, as.slots(), c.serverVersion())).orElseThrow(err ->
                new OperationRefusedException(as.master().address() + " could not take slots " + as.slots() + ": "
                        + err));
    }

    private void returnKeys(ReturnKeys r, MigrationOptions options) {
        moveKeys(r.slot(), r.holder(), r.owner(), options);
        expectOk(r.holder(), b -> b.stable(r.slot()));
    }

    /** The others, no longer claiming the slot, name the keeper as its owner and hand their keys over. */
    private void handOver(ResolveOwners r, MigrationOptions options) {
        for (NodeReport other : r.others()) {
            expectOk(other, b -> b.node(r.slot(), r.keeper().id()));
            moveKeys(r.slot(), other, r.keeper(), options);
        }
    }

    /**
     * MIGRATEs every key of the slot from a node that does not own it to the owner. A node routes MIGRATE like any
     * keyed command, so it only serves a slot it does not own while importing it and asked with ASKING: the slot is
     * opened for the move if it is not yet, and closed again afterwards.
     */
    private void moveKeys(int slot, NodeReport from, NodeReport to, MigrationOptions options) {
        NodeClient holder = connector.connect(from.address());
        // A node that was cut off (or just learned the rest of the cluster) refuses every keyed command until it
        // sees the cluster whole again, which Redis delays by up to 5 s after it rejoins.
        awaitStateOk(from);
        awaitStateOk(to);
        boolean opened = !holder.clusterView().myself().orElseThrow().importing().containsKey(slot);
        if (opened) {
            expectOk(from, b -> b.importing(slot, to.id()));
        }
        while (true) {
            List<byte[]> keys = holder.one(b -> b.getKeysInSlot(slot, options.keysPerMigrate())).orElseThrow(err ->
                    new OperationRefusedException(from.address() + " answered CLUSTER GETKEYSINSLOT with: " + err));
            if (keys.isEmpty()) {
                break;
            }
            Batch b = holder.batch();
            b.asking();
            Step<Batch.Migrated> moved = b.migrate(new Batch.Migrate(to.address(), keys, options.timeoutMs(), false,
                    options.replace(), options.auth()));
            b.send();
            moved.answer().error().ifPresent(err -> {
                throw new OperationRefusedException("Slot " + slot + ": could not move key "
                        + new String(keys.get(0), StandardCharsets.UTF_8) + " from " + from.address() + " to "
                        + to.address() + ": " + err + (err.is(NodeError.Kind.BUSY_KEY)
                        ? " (both hold it; rerun with --replace to let the copy on " + from.address() + " win)" : ""));
            });
        }
        if (opened) {
            expectOk(from, b -> b.stable(slot));
        }
    }

    private void awaitStateOk(NodeReport node) {
        NodeClient c = connector.connect(node.address());
        Waits.until(Duration.ofSeconds(30), () -> "ok".equals(c.clusterInfo().get("cluster_state"))
                ? Optional.empty() : Optional.of(node.address() + " does not report cluster_state:ok"));
    }

    /** MEET, then wait until each knows the other by its ID (not as a handshake placeholder). */
    private void introduce(Introduce in) {
        NodeAddress target = in.unknown().self().address();
        NodeClient node = connector.connect(in.node().address());
        node.meet(target.ip(), target.port(), target.clusterPort());
        NodeClient other = connector.connect(in.unknown().address());
        Waits.until(Duration.ofSeconds(15), () -> node.clusterView().node(in.unknown().id()).isPresent()
                && other.clusterView().node(in.node().id()).isPresent() ? Optional.empty()
                : Optional.of(in.node().address() + " and " + in.unknown().address() + " do not know each other yet"));
    }

    private void expectOk(NodeReport node, Function<Batch, Step<Void>> step) {
        Batch b = connector.connect(node.address()).batch();
        Step<Void> s = step.apply(b);
        b.send();
        s.answer().error().ifPresent(err -> {
            throw new OperationRefusedException(node.address() + " answered " + s.command() + " with: " + err);
        });
    }
}
