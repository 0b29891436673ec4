package dev.trib.planner.doctor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Masters close to maxmemory, and replicas that could not hold their master's data. */
final class MemoryFindings {
    /** Above this share of maxmemory a master has no room for a reshard's or rebalance's slots. */
    static final double HIGH = 0.8;

    private MemoryFindings() {
    }

    static void add(DoctorInput input, List<DoctorFinding> out) {
        for (NodeFacts m : input.reachable()) {
            if (!m.master() || m.usedMemory().isEmpty() || m.maxmemory().orElse(0) <= 0) {
                continue;
            }
            long used = m.usedMemory().getAsLong();
            long max = m.maxmemory().getAsLong();
            if (used > HIGH * max) {
                out.add(new DoctorFinding(DoctorKind.MEMORY_HIGH, Severity.WARNING, "Master " + m.label() + " uses "
                        + String.format(Locale.ROOT, "%.0f%%", 100.0 * used / max) + " of its maxmemory ("
                        + Sizes.bytes(used) + " of " + Sizes.bytes(max) + ").",
                        "Raise maxmemory, or add masters and rebalance; moving slots onto it would fill it.",
                        List.of(m.id())));
            }
        }
        for (NodeFacts r : input.reachable()) {
            Optional<NodeFacts> master = r.masterId().flatMap(input::node).filter(NodeFacts::reachable);
            if (master.isEmpty() || r.maxmemory().orElse(0) <= 0 || master.get().usedMemory().isEmpty()) {
                continue;
            }
            long used = master.get().usedMemory().getAsLong();
            if (r.maxmemory().getAsLong() < used) {
                out.add(new DoctorFinding(DoctorKind.REPLICA_MAXMEMORY_LOW, Severity.WARNING, "Replica " + r.label()
                        + " has maxmemory " + Sizes.bytes(r.maxmemory().getAsLong()) + ", below the "
                        + Sizes.bytes(used) + " its master " + master.get().label() + " uses: promoted, it evicts "
                        + "or refuses writes at once.", "Give it at least its master's maxmemory (CONFIG SET "
                        + "maxmemory on " + r.address() + ").", List.of(r.id())));
            }
        }
    }
}
