package dev.trib.commands.measure;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.Batch;
import dev.trib.commands.node.Batch.Step;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeCommandException;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.ops.ReshardOperation;
import dev.trib.planner.alloc.CapacityCheck;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.doctor.Settings;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.SlotSet;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Before a reshard, rebalance or import moves anything: what each receiving master gets (bytes estimated per moved
 * slot from a sampled MEMORY USAGE on its owner, or per imported key on the source) against its maxmemory (INFO
 * memory), so a plan that would fill a master is refused instead of failing writes halfway.
 */
public final class CapacityRail {
    /** Keys sized per moved slot: the slot's estimate is their average size times its key count. */
    public static final int KEYS_PER_SLOT = 10;
    /** Keys of an import's source sized at most: the rest is estimated from their mean, scaled by DBSIZE. */
    public static final int IMPORT_SAMPLE = 10_000;
    private static final int SCAN_COUNT = 1000;

    private final NodeConnector connector;

    public CapacityRail(NodeConnector connector) {
        this.connector = connector;
    }

    /**
     * Each receiving master with a maxmemory and its share of the plan, in the order the plan names them. Slots are
     * measured only when some target has a limit: without one there is nothing to refuse.
     */
    public List<CapacityCheck.Change> estimate(ClusterSnapshot snapshot, List<SlotMove> moves) {
        Map<String, CapacityCheck.Memory> memory = limits(moves.stream().map(SlotMove::targetId).distinct()
                .map(snapshot::node).flatMap(Optional::stream).toList());
        if (memory.isEmpty()) {
            return List.of();
        }
        SlotSet slots = SlotSet.of(moves.stream().map(SlotMove::slot).toList());
        Map<Integer, Double> bytes = new SlotMeasures(connector).memory(snapshot, slots, KEYS_PER_SLOT);
        return CapacityCheck.changes(moves, bytes, memory);
    }

    /**
     * What an import brings each master with a maxmemory: up to {@link #IMPORT_SAMPLE} keys of the source (SCAN)
     * sized with MEMORY USAGE, each counted for the owner of its slot, scaled to the source's DBSIZE. The source is
     * read only when some master has a limit.
     */
    public List<CapacityCheck.Change> estimateImport(ClusterSnapshot snapshot, NodeClient source) {
        Map<String, CapacityCheck.Memory> memory = limits(snapshot.masters().stream()
                .filter(m -> !m.self().slots().isEmpty()).toList());
        if (memory.isEmpty()) {
            return List.of();
        }
        Map<Integer, String> ownerOf = ReshardOperation.owners(snapshot);
        Map<String, long[]> sampled = new LinkedHashMap<>(); // owner id -> {keys, bytes}
        long sized = 0;
        String cursor = "0";
        List<byte[]> page = List.of();
        boolean listedAll = false;
        while (true) {
            // The next page is asked for in the same round trip that sizes this one.
            boolean more = !listedAll && sized + page.size() < IMPORT_SAMPLE;
            if (page.isEmpty() && !more) {
                break;
            }
            Batch b = source.batch();
            List<Step<OptionalLong>> usage = page.stream().map(b::memoryUsage).toList();
            Step<Batch.ScanPage> next = more ? b.scan(cursor, SCAN_COUNT) : null;
            b.send();
            for (int i = 0; i < usage.size(); i++) {
                OptionalLong bytes = usage.get(i).answer().orElseThrow(err -> unmeasured(source, "MEMORY USAGE",
                        err.toString()));
                if (bytes.isPresent()) { // empty: the key expired since SCAN listed it
                    long[] acc = sampled.computeIfAbsent(ownerOf.get(KeySlot.of(page.get(i))), o -> new long[2]);
                    acc[0]++;
                    acc[1] += bytes.getAsLong();
                    sized++;
                }
            }
            if (next == null) {
                break;
            }
            Batch.ScanPage p = next.answer().orElseThrow(err -> new OperationRefusedException(source.address()
                    + " answered SCAN with: " + err));
            cursor = p.cursor();
            page = p.keys();
            listedAll = cursor.equals("0");
        }
        long total;
        try {
            total = listedAll ? sized : source.dbSize();
        } catch (NodeCommandException e) {
            throw unmeasured(source, "DBSIZE", e.reply());
        }
        double scale = sized == 0 || total <= sized ? 1 : (double) total / sized;
        Map<String, Long> keys = new LinkedHashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        sampled.forEach((id, acc) -> {
            keys.put(id, Math.round(acc[0] * scale));
            bytes.put(id, Math.round(acc[1] * scale));
        });
        return CapacityCheck.imports(keys, bytes, memory);
    }

    private static OperationRefusedException unmeasured(NodeClient source, String command, String reply) {
        return new OperationRefusedException(source.address() + " answered " + command + " with: " + reply
                + " (a master has a maxmemory, so the source's keys are sized first: grant +memory|usage and "
                + "+dbsize there, or pass --force)");
    }

    /** The maxmemory and use of those of these masters that have a limit, by id; unreadable ones are left out. */
    private Map<String, CapacityCheck.Memory> limits(List<NodeReport> masters) {
        Map<String, CapacityCheck.Memory> memory = new HashMap<>();
        for (var o : Parallel.map(masters.stream().filter(NodeReport::reachable).toList(),
                n -> connector.connect(n.address()).info("memory"))) {
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
        return memory;
    }

    /** @throws OperationRefusedException naming the first master the plan would take above its maxmemory */
    public static void refuseOverflow(List<CapacityCheck.Change> changes) {
        changes.stream().filter(CapacityCheck.Change::overflows).findFirst().ifPresent(c -> {
            throw new OperationRefusedException(c.refusal());
        });
    }
}
