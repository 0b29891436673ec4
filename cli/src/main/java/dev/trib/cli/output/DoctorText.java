package dev.trib.cli.output;

import dev.trib.planner.doctor.DoctorFinding;
import dev.trib.planner.doctor.DoctorInput;
import dev.trib.planner.doctor.DoctorReport;
import dev.trib.planner.doctor.NodeFacts;
import dev.trib.planner.doctor.Severity;
import dev.trib.planner.doctor.Topic;

import java.util.List;
import java.util.Map;

/**
 * trib doctor's text report: one {@code >>>} section per topic, an {@code [OK]} line where the topic has no
 * problem, each finding on one line with what to do indented below it, and a closing count.
 */
public final class DoctorText {
    /** What a topic without error or warning says. */
    private static final Map<Topic, String> OK = Map.of(
            Topic.NODES, "Every node reachable and read.",
            Topic.VERSIONS, "One server version on every node.",
            Topic.SETTINGS, "The settings that should agree do.",
            Topic.PERSISTENCE, "No master with replicas runs without persistence.",
            Topic.MEMORY, "Every master below 80% of its maxmemory; no replica short of its master's use.",
            Topic.REPLICATION, "Every master has a reachable replica with a live link, on another host.",
            Topic.BIG_KEYS, "No key found whose move would block too long or exceed a limit.",
            Topic.PERMISSIONS, "No missing permission found.");

    private DoctorText() {
    }

    public static void print(Printer p, DoctorReport report) {
        DoctorInput in = report.input();
        long masters = in.masters().size();
        p.step("Doctor: " + in.nodes().size() + " nodes (" + masters + " masters, " + (in.nodes().size() - masters)
                + " replicas) via " + in.entry());
        for (Topic topic : Topic.values()) {
            p.step(topic.title());
            List<DoctorFinding> findings = report.of(topic);
            if (findings.stream().noneMatch(DoctorFinding::problem)) {
                p.ok(topic == Topic.VERSIONS ? versions(in) : OK.get(topic));
            }
            for (DoctorFinding f : findings) {
                switch (f.severity()) {
                    case ERROR -> p.error(f.message());
                    case WARNING -> p.warning(f.message());
                    case INFO -> p.line("[INFO] " + f.message());
                }
                if (!f.advice().isEmpty()) {
                    p.line("    " + f.advice());
                }
            }
        }
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        if (report.clean()) {
            p.ok("No problems found.");
        } else {
            String counts = errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                    + (warnings == 1 ? "" : "s") + ".";
            if (errors > 0) {
                p.error(counts);
            } else {
                p.warning(counts);
            }
        }
    }

    private static String versions(DoctorInput in) {
        return in.reachable().stream().map(NodeFacts::version).filter(v -> !v.isEmpty()).findFirst()
                .map(v -> "Every node runs " + v + ".").orElse("No server version read.");
    }
}
