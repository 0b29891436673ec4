package dev.trib.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trib.commands.watch.ClusterSampler;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.Finding;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.KeySlots;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON documents trib prints with --json. Field names are an API (documented in docs/): add, never rename.
 * Built from maps so the shape is visible in one place.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static void print(PrintWriter out, Object document) {
        try {
            out.println(MAPPER.writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * The fields that name a node, the same in every document: id, address, role (master, replica or unknown) and
     * masterId (null for a master). Wherever a document mentions a node it starts with these; {@link #node} adds
     * the rest. Other nodes are referred to by id ({@code replicas}, {@code masterId}).
     */
    /** The document with its exit code as the first field, as every document has. */
    public static Map<String, Object> withExitCode(int exitCode, Map<String, Object> doc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exitCode", exitCode);
        m.putAll(doc);
        return m;
    }

    public static Map<String, Object> nodeRef(NodeReport n) {
        ClusterNode self = n.self();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", self.id());
        m.put("address", n.address().toString());
        m.put("role", role(self));
        m.put("masterId", self.masterId().orElse(null));
        return m;
    }

    public static String role(ClusterNode self) {
        return self.isMaster() ? "master" : self.isReplica() ? "replica" : "unknown";
    }

    public static Map<String, Object> node(ClusterSnapshot s, NodeReport n) {
        ClusterNode self = n.self();
        Map<String, Object> m = nodeRef(n);
        m.put("slots", self.slots().toString());
        m.put("slotCount", self.slots().size());
        m.put("keys", n.keys().isPresent() ? n.keys().getAsLong() : null);
        m.put("replicas", self.isMaster() ? s.replicasOf(self.id()).stream().map(NodeReport::id).toList() : List.of());
        m.put("flags", self.flags().stream().map(f -> f.token()).toList());
        m.put("configEpoch", self.configEpoch());
        m.put("reachable", n.reachable());
        m.put("error", n.failure().orElse(null));
        m.put("clusterState", n.clusterInfo().get("cluster_state"));
        return m;
    }

    public static Map<String, Object> check(CheckReport r, int exitCode) {
        ClusterSnapshot s = r.snapshot();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("exitCode", exitCode);
        doc.put("entry", s.entry().toString());
        doc.put("healthy", r.healthy());
        doc.put("slotsCovered", KeySlots.COUNT - r.of(dev.trib.planner.check.FindingKind.SLOTS_UNCOVERED).stream()
                .mapToInt(f -> f.slots().size()).sum());
        List<Map<String, Object>> nodes = new ArrayList<>();
        s.nodes().forEach(n -> nodes.add(node(s, n)));
        doc.put("nodes", nodes);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind().name());
            m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            m.put("message", f.message());
            m.put("slots", f.slots().toString());
            m.put("slotCount", f.slots().size());
            m.put("nodes", f.nodes());
            findings.add(m);
        }
        doc.put("findings", findings);
        return doc;
    }

    public static Map<String, Object> info(ClusterSnapshot s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("entry", s.entry().toString());
        List<Map<String, Object>> masters = new ArrayList<>();
        List<Map<String, Object>> replicas = new ArrayList<>();
        long total = 0;
        for (NodeReport m : s.countedMasters()) {
            masters.add(node(s, m));
            total += m.keys().orElse(0);
        }
        for (NodeReport n : s.nodes()) {
            if (!n.self().isMaster()) {
                replicas.add(node(s, n));
            }
        }
        // Masters and replicas in one node shape: a master's "replicas" ids are found among "replicas".
        doc.put("masters", masters);
        doc.put("replicas", replicas);
        doc.put("keys", total);
        doc.put("keysPerSlot", Math.round(total * 100.0 / KeySlots.COUNT) / 100.0);
        return doc;
    }

    /**
     * trib watch --once --json: every node as {@link #node} describes it plus its load, and the open slots. The
     * {@code failure} field repeats {@code error} under the name watch first printed it with.
     */
    public static Map<String, Object> watch(ClusterSampler.Sample sample) {
        ClusterSnapshot s = sample.snapshot();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("entry", s.entry().toString());
        doc.put("clusterState", s.entryNode().clusterInfo().get("cluster_state"));
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> open = new ArrayList<>();
        for (NodeReport n : s.nodes()) {
            Map<String, Object> m = node(s, n);
            ClusterSampler.NodeStats stats = sample.of(n.id());
            m.put("opsPerSecond", stats.opsPerSecond().orElse(null));
            m.put("memory", stats.memory().orElse(null));
            m.put("failure", n.failure().orElse(null));
            nodes.add(m);
            if (n.reachable() && n.self().hasOpenSlots()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("id", n.id());
                o.put("address", n.address().toString());
                o.put("migrating", new TreeMap<>(n.self().migrating()));
                o.put("importing", new TreeMap<>(n.self().importing()));
                open.add(o);
            }
        }
        doc.put("nodes", nodes);
        doc.put("openSlots", open);
        return doc;
    }
}
