package dev.trib.commands.measure;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.planner.alloc.CapacityCheck;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.doctor.Settings;
import dev.trib.planner.topology.SlotSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Before a reshard or rebalance moves anything: what each receiving master gets (bytes estimated per moved slot
 * from a sampled MEMORY USAGE on its owner) against its maxmemory (INFO memory), so a plan that would fill a master
 * is refused instead of failing writes halfway.
 */
public final class CapacityRail {
    /** Keys sized per moved slot: the slot's estimate is their average size times its key count. */
    public static final int KEYS_PER_SLOT = 10;

    private final NodeConnector connector;

    public CapacityRail(NodeConnector connector) {
        this.connector = connector;
    }

    /**
     * Each receiving master with a maxmemory and its share of the plan, in the order the plan names them. Slots are
     * measured only when some target has a limit: without one there is nothing to refuse.
     */
    public List<CapacityCheck.Change> estimate(ClusterSnapshot snapshot, List<SlotMove> moves) {
        List<NodeReport> targets = moves.stream().map(SlotMove::targetId).distinct()
                .map(snapshot::node).flatMap(Optional::stream).filter(NodeReport::reachable).toList();
        Map<String, CapacityCheck.Memory> memory = new HashMap<>();
        for (var o : Parallel.map(targets, n -> connector.connect(n.address()).info("memory"))) {
            if (!o.ok()) {
                continue; // unknown memory is never a refusal: the move itself will say what is wrong
            }
            OptionalLong used = Settings.number(o.value().get("used_memory"));
            OptionalLong max = Settings.number(o.value().get("maxmemory"));
            if (used.isPresent() && max.isPresent() && max.getAsLong() > 0) {
                NodeReport n = o.input();
                memory.put(n.id(), new CapacityCheck.Memory(n.address() + " (" + n.self().shortId() + ")",
                        used.getAsLong(), max.getAsLong()));
            }
        }
        if (memory.isEmpty()) {
            return List.of();
        }
        SlotSet slots = SlotSet.of(moves.stream().map(SlotMove::slot).toList());
        Map<Integer, Double> bytes = new SlotMeasures(connector).memory(snapshot, slots, KEYS_PER_SLOT);
        return CapacityCheck.changes(moves, bytes, memory);
    }

    /** @throws OperationRefusedException naming the first master the plan would take above its maxmemory */
    public static void refuseOverflow(List<CapacityCheck.Change> changes) {
        changes.stream().filter(CapacityCheck.Change::overflows).findFirst().ifPresent(c -> {
            throw new OperationRefusedException(c.refusal());
        });
    }
}
