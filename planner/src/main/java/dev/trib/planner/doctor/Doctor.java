package dev.trib.planner.doctor;

import dev.trib.planner.topology.HostAndPort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges what doctor read: each family of findings in its own class, then at most {@link #MAX_PER_KIND} findings
 * of a kind (the rest summed up in one), ordered by {@link Topic}. Pure: the same input gives the same report.
 */
public final class Doctor {
    /** Findings of one kind shown one by one; beyond, one line names the rest, so 250 nodes stay readable. */
    public static final int MAX_PER_KIND = 10;

    private Doctor() {
    }

    public static DoctorReport examine(DoctorInput input) {
        List<DoctorFinding> all = new ArrayList<>();
        NodeFindings.add(input, all);
        SettingsFindings.add(input, all);
        MemoryFindings.add(input, all);
        ReplicationFindings.add(input, all);
        BigKeyFindings.add(input, all);
        PermissionFindings.add(input, all);
        List<DoctorFinding> capped = cap(input, all);
        List<DoctorFinding> ordered = new ArrayList<>(capped);
        ordered.sort(Comparator.comparing(DoctorFinding::topic)); // stable: keeps the order found within a topic
        return new DoctorReport(input, ordered);
    }

    private static List<DoctorFinding> cap(DoctorInput input, List<DoctorFinding> all) {
        Map<DoctorKind, List<DoctorFinding>> byKind = new EnumMap<>(DoctorKind.class);
        all.forEach(f -> byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f));
        List<DoctorFinding> out = new ArrayList<>();
        for (DoctorFinding f : all) {
            List<DoctorFinding> same = byKind.get(f.kind());
            int at = same.indexOf(f);
            if (at < MAX_PER_KIND) {
                out.add(f);
            } else if (at == MAX_PER_KIND) {
                out.add(more(input, same.subList(MAX_PER_KIND, same.size())));
            }
        }
        return out;
    }

    private static DoctorFinding more(DoctorInput input, List<DoctorFinding> rest) {
        Set<String> ids = new LinkedHashSet<>();
        rest.forEach(f -> ids.addAll(f.nodes()));
        Severity worst = rest.stream().map(DoctorFinding::severity).min(Comparator.naturalOrder()).orElseThrow();
        DoctorFinding first = rest.get(0);
        String kind = first.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return new DoctorFinding(DoctorKind.MORE, first.topic(), worst, "... and " + rest.size() + " more " + kind
                + " findings on " + NodeList.counted(addresses(input, ids)) + " (--json lists them all).",
                first.advice(), List.copyOf(ids));
    }

    static List<HostAndPort> addresses(DoctorInput input, Iterable<String> ids) {
        List<HostAndPort> out = new ArrayList<>();
        for (String id : ids) {
            input.node(id).ifPresent(n -> out.add(n.address()));
        }
        return out;
    }

    static List<HostAndPort> addressesOf(List<NodeFacts> nodes) {
        return nodes.stream().map(NodeFacts::address).toList();
    }

    static List<String> ids(List<NodeFacts> nodes) {
        return nodes.stream().map(NodeFacts::id).toList();
    }
}
