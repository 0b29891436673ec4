package dev.trib.planner.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Nodes that could not be read (or only in part), and server versions that differ. */
final class NodeFindings {
    private NodeFindings() {
    }

    static void add(DoctorInput input, List<DoctorFinding> out) {
        for (NodeFacts n : input.nodes()) {
            if (!n.reachable()) {
                out.add(new DoctorFinding(DoctorKind.NODE_UNREACHABLE, Severity.ERROR, (n.master() ? "Master " : "Replica ")
                        + n.label() + " is unreachable: " + n.failure().orElseThrow() + ".",
                        "Bring it back, or replace it (trib replace) or remove it (trib del-node); nothing about it "
                                + "could be checked.", List.of(n.id())));
            } else if (!n.readFailures().isEmpty()) {
                out.add(new DoctorFinding(DoctorKind.READ_FAILED, Severity.WARNING, "Could not read everything from "
                        + n.label() + ": " + String.join("; ", n.readFailures()) + ".",
                        "Run doctor as a user that may run CONFIG GET, INFO, SCAN and MEMORY USAGE.",
                        List.of(n.id())));
            }
        }
        versions(input, out);
    }

    private static void versions(DoctorInput input, List<DoctorFinding> out) {
        Map<String, List<NodeFacts>> byVersion = new LinkedHashMap<>();
        input.reachable().stream().filter(n -> !n.version().isEmpty())
                .forEach(n -> byVersion.computeIfAbsent(n.version(), v -> new ArrayList<>()).add(n));
        if (byVersion.size() < 2) {
            return;
        }
        String versions = byVersion.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<NodeFacts>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> e.getKey() + " on " + NodeList.counted(Doctor.addressesOf(e.getValue())))
                .collect(Collectors.joining(", "));
        out.add(new DoctorFinding(DoctorKind.MIXED_VERSIONS, Severity.WARNING, "Server versions differ: " + versions
                + ".", "Finish the rolling upgrade: replicas first, then fail masters over to upgraded replicas; keys "
                + "and replication flow only from older to newer servers (docs/upgrade.md).",
                Doctor.ids(input.reachable())));
    }
}
