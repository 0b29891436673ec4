package dev.trib.planner.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Keys whose move would hurt: MIGRATE blocks the source (and RESTORE the target) for the whole key, so a key that
 * takes longer than half the node timeout risks a failover mid-move; a key larger than a target's
 * proto-max-bulk-len cannot be restored there; one larger than a target's replica output-buffer hard limit
 * disconnects that target's replicas when the RESTORE reaches them.
 */
final class BigKeyFindings {
    private BigKeyFindings() {
    }

    static void add(DoctorInput input, List<DoctorFinding> out) {
        List<NodeFacts> sampled = input.reachable().stream().filter(n -> n.master() && n.keys().isPresent()).toList();
        if (sampled.isEmpty()) {
            return;
        }
        out.add(summary(sampled));
        OptionalLong timeout = input.reachable().stream().map(n -> Settings.number(n, Settings.NODE_TIMEOUT))
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        for (NodeFacts m : sampled) {
            List<NodeFacts> targets = input.reachable().stream().filter(t -> t.master() && !t.id().equals(m.id()))
                    .toList();
            for (SampledKey k : m.keys().orElseThrow().largest()) {
                long ms = input.moveMillis(k.bytes());
                if (timeout.isPresent() && BigKeyCheck.blocksTooLong(ms, timeout.getAsLong())) {
                    out.add(new DoctorFinding(DoctorKind.BIG_KEY_BLOCKS, Severity.WARNING, key(k, m)
                            + ": moving it would block its master about " + Sizes.millis(ms) + ", more than half the "
                            + "cluster-node-timeout (" + timeout.getAsLong() + " ms).",
                            "Split or trim it before resharding its slot, or raise cluster-node-timeout for the move "
                                    + "(trib set-timeout): replicas may fail the master over mid-move.",
                            List.of(m.id())));
                }
                limit(targets, t -> Settings.number(t, Settings.PROTO_MAX_BULK_LEN)).filter(l -> k.bytes() > l.limit)
                        .ifPresent(l -> out.add(new DoctorFinding(DoctorKind.BIG_KEY_OVER_BULK_LIMIT, Severity.WARNING,
                                key(k, m) + " is larger than proto-max-bulk-len (" + Sizes.bytes(l.limit) + ") on "
                                        + NodeList.describe(Doctor.addressesOf(l.nodes))
                                        + ": MIGRATE to them fails.",
                                "Raise proto-max-bulk-len on every node before moving its slot.", List.of(m.id()))));
                limit(targets.stream().filter(t -> !input.replicasOf(t.id()).isEmpty()).toList(),
                        Settings::replicaHardLimit).filter(l -> k.bytes() > l.limit)
                        .ifPresent(l -> out.add(new DoctorFinding(DoctorKind.BIG_KEY_OVER_REPLICA_BUFFER,
                                Severity.WARNING, key(k, m) + " is larger than the replica output-buffer hard limit ("
                                + Sizes.bytes(l.limit) + ") of " + NodeList.describe(Doctor.addressesOf(l.nodes))
                                + ": moved there, it disconnects their replicas, which then resync in full.",
                                "Raise the replica class of client-output-buffer-limit on every master before moving "
                                        + "its slot.", List.of(m.id()))));
            }
        }
    }

    private static DoctorFinding summary(List<NodeFacts> sampled) {
        long scanned = sampled.stream().mapToLong(n -> n.keys().orElseThrow().scanned()).sum();
        boolean full = sampled.stream().allMatch(n -> n.keys().orElseThrow().full());
        Optional<KeyOn> largest = sampled.stream()
                .flatMap(n -> n.keys().orElseThrow().largest().stream().map(k -> new KeyOn(k, n)))
                .max(Comparator.comparingLong(ko -> ko.key.bytes()));
        String how = full ? "Sized every key (" + scanned + ")" : "Sized a sample of " + scanned + " key" + (scanned == 1 ? "" : "s");
        return new DoctorFinding(DoctorKind.KEYS_SAMPLED, Severity.INFO, how + " on " + sampled.size() + " master"
                + (sampled.size() == 1 ? "" : "s") + largest.map(ko -> "; the largest: " + key(ko.key, ko.node))
                .orElse("") + ".", full ? "" : "Run with --full to size every key.", Doctor.ids(sampled));
    }

    private record KeyOn(SampledKey key, NodeFacts node) {
    }

    private record Limit(long limit, List<NodeFacts> nodes) {
    }

    /** The smallest limit among the nodes, with the nodes that have it. */
    private static Optional<Limit> limit(List<NodeFacts> nodes, java.util.function.Function<NodeFacts, OptionalLong> of) {
        long min = Long.MAX_VALUE;
        List<NodeFacts> at = new ArrayList<>();
        for (NodeFacts n : nodes) {
            OptionalLong v = of.apply(n);
            if (v.isEmpty()) {
                continue;
            }
            if (v.getAsLong() < min) {
                min = v.getAsLong();
                at.clear();
            }
            if (v.getAsLong() == min) {
                at.add(n);
            }
        }
        return at.isEmpty() ? Optional.empty() : Optional.of(new Limit(min, at));
    }

    /** {@code Key 'name' (112.0 MB, slot 866) on 127.0.0.1:7000}: long names cut to 60 characters. */
    static String key(SampledKey k, NodeFacts m) {
        String name = k.name().length() > 60 ? k.name().substring(0, 57) + "..." : k.name();
        return "Key '" + name + "' (" + Sizes.bytes(k.bytes()) + ", slot " + k.slot() + ") on " + m.address();
    }
}
