package dev.trib.commands.measure;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.Answer;
import dev.trib.commands.node.Batch;
import dev.trib.commands.node.Batch.Step;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** What each slot holds, measured on its owner, for {@code rebalance --by keys|memory}. Masters are read in parallel. */
public final class SlotMeasures {
    private final NodeConnector connector;

    public SlotMeasures(NodeConnector connector) {
        this.connector = connector;
    }

    /** Keys per slot (CLUSTER COUNTKEYSINSLOT on the owner, one pipeline per master). */
    public Map<Integer, Double> keys(ClusterSnapshot snapshot) {
        Map<Integer, Double> out = new HashMap<>();
        for (Map<Integer, Double> m : Parallel.mapAll(masters(snapshot), n -> {
            int[] slots = n.self().slots().toArray();
            Batch b = client(n).batch();
            List<Step<Long>> replies = Arrays.stream(slots).mapToObj(b::countKeysInSlot).toList();
            b.send();
            Map<Integer, Double> counts = new HashMap<>();
            for (int i = 0; i < slots.length; i++) {
                counts.put(slots[i], (double) count(n, replies.get(i).answer()));
            }
            return counts;
        })) {
            out.putAll(m);
        }
        return out;
    }

    /**
     * Estimated bytes per slot: the slot's key count times the average MEMORY USAGE of up to {@code sample} of its
     * keys (the first ones GETKEYSINSLOT lists). Exact for slots with at most {@code sample} keys.
     */
    public Map<Integer, Double> memory(ClusterSnapshot snapshot, int sample) {
        Map<Integer, Double> out = new HashMap<>();
        for (Map<Integer, Double> m : Parallel.mapAll(masters(snapshot), n -> memoryOf(n, sample))) {
            out.putAll(m);
        }
        return out;
    }

    /**
     * {@link #memory(ClusterSnapshot, int)} of these slots only, each measured on its owner: what a plan moves.
     * Only the owners of these slots need to be reachable.
     */
    public Map<Integer, Double> memory(ClusterSnapshot snapshot, SlotSet only, int sample) {
        List<NodeReport> owners = snapshot.masters().stream()
                .filter(m -> !m.self().slots().intersect(only).isEmpty()).toList();
        Map<Integer, Double> out = new HashMap<>();
        for (Map<Integer, Double> m : Parallel.mapAll(masters(owners), n -> memoryOf(n,
                n.self().slots().intersect(only).toArray(), sample))) {
            out.putAll(m);
        }
        return out;
    }

    private Map<Integer, Double> memoryOf(NodeReport n, int sample) {
        return memoryOf(n, n.self().slots().toArray(), sample);
    }

    private Map<Integer, Double> memoryOf(NodeReport n, int[] slots, int sample) {
        NodeClient c = client(n);
        Batch listing = c.batch();
        List<Step<Long>> countSteps = new ArrayList<>();
        List<Step<List<byte[]>>> keySteps = new ArrayList<>();
        for (int s : slots) {
            countSteps.add(listing.countKeysInSlot(s));
            keySteps.add(listing.getKeysInSlot(s, sample));
        }
        listing.send();
        Batch usage = c.batch();
        List<Step<OptionalLong>> usageSteps = new ArrayList<>();
        List<Integer> usageSlot = new ArrayList<>();
        Map<Integer, Long> counts = new HashMap<>();
        for (int i = 0; i < slots.length; i++) {
            counts.put(slots[i], count(n, countSteps.get(i).answer()));
            for (byte[] k : keySteps.get(i).answer().orElse(List.of())) {
                usageSteps.add(usage.memoryUsage(k));
                usageSlot.add(slots[i]);
            }
        }
        usage.send();
        Map<Integer, long[]> sampled = new HashMap<>(); // slot -> {bytes, keys}
        for (int i = 0; i < usageSteps.size(); i++) {
            OptionalLong b = usageSteps.get(i).answer().orElseThrow(err ->
                    new OperationRefusedException(n.address() + " answered MEMORY USAGE with: " + err));
            if (b.isPresent()) { // empty: the key expired since it was listed
                long[] acc = sampled.computeIfAbsent(usageSlot.get(i), k -> new long[2]);
                acc[0] += b.getAsLong();
                acc[1]++;
            }
        }
        Map<Integer, Double> out = new HashMap<>();
        for (int s : slots) {
            long[] acc = sampled.get(s);
            out.put(s, acc == null || acc[1] == 0 ? 0.0 : (double) acc[0] / acc[1] * counts.get(s));
        }
        return out;
    }

    private static List<NodeReport> masters(ClusterSnapshot snapshot) {
        return masters(snapshot.masters().stream().filter(m -> !m.self().slots().isEmpty()).toList());
    }

    private static List<NodeReport> masters(List<NodeReport> masters) {
        for (NodeReport m : masters) {
            if (!m.reachable()) {
                throw new OperationRefusedException("Cannot measure the slots of " + m.address()
                        + ": it could not be reached.");
            }
        }
        return masters;
    }

    private NodeClient client(NodeReport n) {
        return connector.connect(n.address());
    }

    private static long count(NodeReport n, Answer<Long> answer) {
        return answer.orElseThrow(err -> new OperationRefusedException(n.address()
                + " answered CLUSTER COUNTKEYSINSLOT with: " + err));
    }
}
