package dev.trib.planner.doctor;

import java.util.List;

/** What doctor found, in report order (by topic, then as found). */
public record DoctorReport(DoctorInput input, List<DoctorFinding> findings) {
    public DoctorReport {
        findings = List.copyOf(findings);
    }

    /** No error and no warning: {@code trib doctor} exits 0. */
    public boolean clean() {
        return findings.stream().noneMatch(DoctorFinding::problem);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    public List<DoctorFinding> of(DoctorKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    public List<DoctorFinding> of(Topic topic) {
        return findings.stream().filter(f -> f.topic() == topic).toList();
    }
}
