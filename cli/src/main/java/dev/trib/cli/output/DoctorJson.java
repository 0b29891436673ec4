package dev.trib.cli.output;

import dev.trib.planner.doctor.DoctorFinding;
import dev.trib.planner.doctor.DoctorInput;
import dev.trib.planner.doctor.DoctorReport;
import dev.trib.planner.doctor.NodeFacts;
import dev.trib.planner.doctor.OperationRights;
import dev.trib.planner.doctor.SampledKey;
import dev.trib.planner.doctor.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** trib doctor --json: the findings, every node read, the largest keys and the permissions. Documented in docs/json.md. */
public final class DoctorJson {
    private DoctorJson() {
    }

    /** @param sample keys sized per master, null for --full */
    public static Map<String, Object> document(DoctorReport report, int exitCode, Integer sample) {
        DoctorInput in = report.input();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("exitCode", exitCode);
        doc.put("entry", in.entry().toString());
        doc.put("clean", report.clean());
        doc.put("errors", report.count(Severity.ERROR));
        doc.put("warnings", report.count(Severity.WARNING));
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("keysPerMaster", sample);
        sampling.put("full", sample == null);
        sampling.put("transferBytesPerSecond", Math.round(in.transferBytesPerSecond()));
        sampling.put("rateMeasured", in.rateMeasured());
        doc.put("sample", sampling);
        doc.put("nodes", in.nodes().stream().map(DoctorJson::node).toList());
        doc.put("findings", report.findings().stream().map(DoctorJson::finding).toList());
        doc.put("bigKeys", bigKeys(in));
        doc.put("permissions", permissions(in));
        return doc;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Starts with the fields every document names a node with (id, address, role, masterId). */
    private static Map<String, Object> node(NodeFacts n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("address", n.address().toString());
        m.put("role", n.master() ? "master" : n.masterId().isPresent() ? "replica" : "unknown");
        m.put("masterId", n.masterId().orElse(null));
        m.put("reachable", n.reachable());
        m.put("error", n.failure().orElse(null));
        m.put("version", n.version().isEmpty() ? null : n.version());
        m.put("slotCount", n.slots());
        m.put("usedMemory", n.usedMemory().isPresent() ? n.usedMemory().getAsLong() : null);
        m.put("maxmemory", n.maxmemory().isPresent() ? n.maxmemory().getAsLong() : null);
        m.put("settings", new java.util.TreeMap<>(n.config()));
        m.put("readFailures", n.readFailures());
        return m;
    }

    private static Map<String, Object> finding(DoctorFinding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().name());
        m.put("topic", lower(f.topic()));
        m.put("severity", lower(f.severity()));
        m.put("message", f.message());
        m.put("advice", f.advice());
        m.put("nodes", f.nodes());
        return m;
    }

    /** The largest sampled keys of every master, with the time a move is estimated to block it. */
    private static List<Map<String, Object>> bigKeys(DoctorInput in) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (NodeFacts n : in.nodes()) {
            for (SampledKey k : n.keys().map(s -> s.largest()).orElse(List.of())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("masterId", n.id());
                m.put("address", n.address().toString());
                m.put("key", k.name());
                m.put("bytes", k.bytes());
                m.put("slot", k.slot());
                m.put("moveMillis", in.moveMillis(k.bytes()));
                out.add(m);
            }
        }
        return out;
    }

    /** Per operation: allowed on every node checked, and the commands missing anywhere. */
    private static Map<String, Object> permissions(DoctorInput in) {
        List<NodeFacts> asked = in.reachable().stream().filter(n -> n.acl().isPresent()).toList();
        List<NodeFacts> checked = OperationRights.checked(in);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("user", asked.isEmpty() ? null : asked.get(0).acl().orElseThrow().user());
        doc.put("checkedNodes", checked.stream().map(NodeFacts::id).toList());
        doc.put("uncheckedNodes", asked.stream().filter(n -> !checked.contains(n)).map(NodeFacts::id).toList());
        List<Map<String, Object>> ops = new ArrayList<>();
        for (OperationRights rights : OperationRights.of(checked)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operation", rights.operation().title());
            m.put("allowed", checked.isEmpty() ? null : rights.allowed());
            m.put("missing", List.copyOf(rights.missing()));
            ops.add(m);
        }
        doc.put("operations", ops);
        return doc;
    }
}
