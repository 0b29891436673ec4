package dev.trib.planner.check;

import java.util.List;

/** The findings of one check, in the order they are reported. Healthy means no findings. */
public record CheckReport(ClusterSnapshot snapshot, List<Finding> findings, boolean searchedMultipleOwners) {
    public CheckReport {
        findings = List.copyOf(findings);
    }

    public boolean healthy() {
        return findings.isEmpty();
    }

    public List<Finding> of(FindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    public boolean has(FindingKind kind) {
        return findings.stream().anyMatch(f -> f.kind() == kind);
    }
}
