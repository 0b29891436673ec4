package dev.trib.planner.alloc;

import dev.trib.planner.doctor.Sizes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a plan's targets have room for what they receive: each node's net change (bytes of the slots it gets
 * minus those it gives, estimated per slot from sampled MEMORY USAGE) against its maxmemory. A node without a limit
 * (maxmemory 0) always has room. Pure.
 */
public final class CapacityCheck {
    private CapacityCheck() {
    }

    /** A node's memory as INFO memory reports it. */
    public record Memory(String label, long used, long maxmemory) {
    }

    /** What a node receives: slots of a reshard or rebalance, or keys of an import. */
    public enum Incoming {
        SLOTS, KEYS;

        String count(long n) {
            String unit = this == SLOTS ? "slot" : "key";
            return n + " " + unit + (n == 1 ? "" : "s");
        }
    }

    /**
     * One node's share of the plan.
     *
     * @param count    slots or keys it receives (keys: estimated when the source was sampled)
     * @param bytes    net estimated bytes it gains (negative when it gives more than it gets)
     */
    public record Change(String nodeId, Memory memory, long count, Incoming incoming, long bytes) {
        public Change(String nodeId, Memory memory, int slots, long bytes) {
            this(nodeId, memory, slots, Incoming.SLOTS, bytes);
        }

        public long after() {
            return memory.used() + bytes;
        }

        /** Above maxmemory after the plan: writes refused (noeviction) or keys evicted. */
        public boolean overflows() {
            return memory.maxmemory() > 0 && bytes > 0 && after() > memory.maxmemory();
        }

        /** One line for the plan; with the limit when there is one. */
        public String describe() {
            return memory.label() + " receives " + incoming.count(count) + ", about " + Sizes.bytes(Math.max(bytes, 0))
                    + (memory.maxmemory() > 0 ? " (" + Sizes.bytes(after()) + " of its " + Sizes.bytes(
                    memory.maxmemory()) + " maxmemory after)" : "");
        }

        /** What would happen: the node and the figures, without a verdict. */
        public String overflow() {
            return (incoming == Incoming.SLOTS ? "Moving " : "Importing ") + incoming.count(count) + " (about "
                    + Sizes.bytes(bytes) + ") " + (incoming == Incoming.SLOTS ? "onto " : "into ") + memory.label()
                    + " would take it to " + Sizes.bytes(after()) + ", above its maxmemory of "
                    + Sizes.bytes(memory.maxmemory()) + " (" + Sizes.bytes(memory.used()) + " used now)";
        }

        /** The refusal: one line naming the node, the figures and the ways out. */
        public String refusal() {
            return overflow() + (incoming == Incoming.SLOTS
                    ? ": nothing was moved. Free memory there, raise its maxmemory or move fewer slots; --force moves "
                    + "anyway."
                    : ": nothing was imported. Free memory there, raise its maxmemory or import fewer keys; --force "
                    + "imports anyway.");
        }
    }

    /**
     * What an import brings each master, against its memory.
     *
     * @param keys   estimated keys per receiving node id, in the order to report them
     * @param bytes  estimated bytes per receiving node id
     * @param memory the memory of the nodes with a known one (missing: never refused)
     */
    public static List<Change> imports(Map<String, Long> keys, Map<String, Long> bytes, Map<String, Memory> memory) {
        List<Change> out = new ArrayList<>();
        keys.forEach((id, n) -> {
            if (n > 0 && memory.containsKey(id)) {
                out.add(new Change(id, memory.get(id), n, Incoming.KEYS, bytes.getOrDefault(id, 0L)));
            }
        });
        return out;
    }

    /**
     * @param bytesPerSlot estimated bytes of each moved slot (missing: empty)
     * @param memory       the memory of every node the plan names, by id (missing: unknown, never refused)
     * @return the receiving nodes in the order the plan first names them
     */
    public static List<Change> changes(List<SlotMove> moves, Map<Integer, Double> bytesPerSlot,
                                       Map<String, Memory> memory) {
        Map<String, long[]> net = new LinkedHashMap<>(); // id -> {slots received, bytes}
        for (SlotMove m : moves) {
            long bytes = Math.round(bytesPerSlot.getOrDefault(m.slot(), 0.0));
            long[] in = net.computeIfAbsent(m.targetId(), k -> new long[2]);
            in[0]++;
            in[1] += bytes;
            net.computeIfAbsent(m.sourceId(), k -> new long[2])[1] -= bytes;
        }
        List<Change> out = new ArrayList<>();
        net.forEach((id, v) -> {
            if (v[0] > 0 && memory.containsKey(id)) {
                out.add(new Change(id, memory.get(id), (int) v[0], v[1]));
            }
        });
        return out;
    }
}
