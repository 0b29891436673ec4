package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.migrate.KeySizes;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.NodeFactsReader;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.doctor.BigKeyCheck;
import dev.trib.planner.doctor.SampledKey;
import dev.trib.planner.doctor.Settings;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Before a reshard or rebalance moves anything: the keys of the moved slots (up to {@link #KEYS_PER_SLOT} per
 * slot, sized with MEMORY USAGE on the source) whose move would block their master longer than half the smallest
 * cluster-node-timeout of the masters involved, at a transfer rate ({@link DoctorOperation#DEFAULT_TRANSFER_RATE}
 * unless told). What it sized is handed to the migration engine ({@link Result#sizes()}), which then needs no
 * round trip of its own to hold big keys back and to size MIGRATE timeouts.
 */
public final class BigKeyRail {
    /** Keys sized per moved slot: every key of the slots most clusters have, a bounded look at crowded ones. */
    public static final int KEYS_PER_SLOT = 1000;
    /** Keys sized per source at most: a move of thousands of crowded slots looks at fewer keys of each. */
    public static final int KEYS_PER_SOURCE = 100_000;

    /**
     * What was found: the node timeout compared with, and the keys above half of it, largest first.
     *
     * @param meanKeyBytes per moved slot with sampled keys, the mean MEMORY USAGE of those not blocking
     * @param bytesPerSecond the transfer rate assumed
     */
    public record Result(long nodeTimeoutMs, List<BigKeyCheck.BigKey> blocking, Map<Integer, Long> meanKeyBytes,
                         double bytesPerSecond) {
        /** For the engine: the blocking keys, moved alone, and the slots' mean key sizes. */
        public KeySizes sizes() {
            return KeySizes.of(blocking.stream().map(k -> new KeySizes.BigKey(k.key().slot(), k.key().name(),
                    k.key().bytes())).toList(), meanKeyBytes, bytesPerSecond);
        }
    }

    private final NodeConnector connector;

    public BigKeyRail(NodeConnector connector) {
        this.connector = connector;
    }

    public Result find(ClusterSnapshot snapshot, List<SlotMove> moves) {
        return find(snapshot, moves, DoctorOperation.DEFAULT_TRANSFER_RATE);
    }

    /** @param bytesPerSecond the rate a MIGRATE is assumed to move MEMORY USAGE bytes at */
    public Result find(ClusterSnapshot snapshot, List<SlotMove> moves, double bytesPerSecond) {
        Map<String, List<Integer>> bySource = moves.stream().collect(Collectors.groupingBy(SlotMove::sourceId,
                java.util.LinkedHashMap::new, Collectors.mapping(SlotMove::slot, Collectors.toList())));
        List<NodeReport> involved = moves.stream().flatMap(m -> java.util.stream.Stream.of(m.sourceId(),
                m.targetId())).distinct().map(snapshot::node).flatMap(Optional::stream)
                .filter(NodeReport::reachable).toList();
        long timeout = Parallel.map(involved, n -> new NodeFactsReader(connector.connect(n.address()))
                .config(List.of(Settings.NODE_TIMEOUT)).get(Settings.NODE_TIMEOUT)).stream()
                .filter(Parallel.Outcome::ok).map(o -> Settings.number(o.value())).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min().orElse(Long.MAX_VALUE);
        if (timeout == Long.MAX_VALUE) {
            return new Result(0, List.of(), Map.of(), bytesPerSecond); // not readable: nothing to compare with
        }
        List<NodeReport> sources = bySource.keySet().stream().map(snapshot::node).flatMap(Optional::stream)
                .filter(NodeReport::reachable).toList();
        Function<NodeReport, List<BigKeyCheck.BigKey>> sizeOf = n -> {
            int[] slots = SlotSet.of(bySource.get(n.id())).toArray();
            List<BigKeyCheck.BigKey> out = new ArrayList<>();
            int perSlot = Math.max(1, Math.min(KEYS_PER_SLOT, KEYS_PER_SOURCE / slots.length));
            for (SampledKey k : new NodeFactsReader(connector.connect(n.address())).keysInSlots(slots, perSlot)) {
                out.add(new BigKeyCheck.BigKey(k, n.address() + " (" + n.self().shortId() + ")",
                        BigKeyCheck.moveMillis(k.bytes(), bytesPerSecond)));
            }
            return out;
        };
        List<BigKeyCheck.BigKey> sized = new ArrayList<>();
        Parallel.mapAll(sources, sizeOf).forEach(sized::addAll);
        List<BigKeyCheck.BigKey> blocking = BigKeyCheck.blocking(sized, timeout);
        return new Result(timeout, blocking, meanKeyBytes(sized, blocking), bytesPerSecond);
    }

    private static Map<Integer, Long> meanKeyBytes(List<BigKeyCheck.BigKey> sized, List<BigKeyCheck.BigKey> big) {
        Map<Integer, long[]> acc = new HashMap<>(); // slot -> {bytes, keys}
        for (BigKeyCheck.BigKey k : sized) {
            if (!big.contains(k)) {
                long[] a = acc.computeIfAbsent(k.key().slot(), s -> new long[2]);
                a[0] += k.key().bytes();
                a[1]++;
            }
        }
        Map<Integer, Long> out = new HashMap<>();
        acc.forEach((slot, a) -> out.put(slot, Math.round((double) a[0] / a[1])));
        return out;
    }

    /** @throws OperationRefusedException naming the largest blocking key, unless there is none */
    public static void refuse(Result r) {
        if (!r.blocking().isEmpty()) {
            throw new OperationRefusedException(BigKeyCheck.refusal(r.blocking(), r.nodeTimeoutMs()));
        }
    }
}
