package dev.trib.cli.output;

import dev.trib.commands.ops.CreateOperation;
import dev.trib.planner.alloc.CreatePlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The proposed layout of {@code trib create}, shown before asking for confirmation. */
public final class CreatePlanText {
    private CreatePlanText() {
    }

    public static void print(Printer p, CreateOperation.Prepared prepared) {
        CreatePlan plan = prepared.plan();
        p.step("Performing hash slots allocation on " + prepared.candidates().size() + " nodes...");
        for (int i = 0; i < plan.masters().size(); i++) {
            var m = plan.masters().get(i);
            p.line("Master[" + i + "] -> Slots " + m.slots().start() + " - " + m.slots().end());
        }
        for (var r : plan.replicas()) {
            p.line("Adding replica " + r.replica().address() + " to " + r.master().address());
        }
        // Nodes of different servers: each line names its server, and each replica's is as new as its master's.
        boolean mixed = prepared.candidates().stream().map(c -> c.spec().release()).distinct().count() > 1;
        for (var m : plan.masters()) {
            p.line("M: " + prepared.candidate(m.node()).self().id() + " " + m.node().address()
                    + (mixed ? " (" + m.node().release() + ")" : ""));
            p.line("   slots:[" + m.slots() + "] (" + m.slots().size() + " slots) master");
        }
        for (var r : plan.replicas()) {
            p.line("S: " + prepared.candidate(r.replica()).self().id() + " " + r.replica().address()
                    + (mixed ? " (" + r.replica().release() + ")" : ""));
            p.line("   replicates " + prepared.candidate(r.master()).self().id());
        }
        if (mixed && !plan.replicas().isEmpty()) {
            p.ok("Every replica runs the same Redis as its master or a newer one (data flows from older to newer "
                    + "servers only).");
        }
        if (plan.antiAffinityScore() == 0) {
            p.ok("Perfect anti-affinity obtained!");
        } else {
            for (var r : plan.replicas()) {
                if (r.replica().host().equals(r.master().host())) {
                    p.warning("Replica " + r.replica().address() + " is on the same host as its master "
                            + r.master().address() + ": the hosts given cannot avoid it.");
                }
            }
            p.warning("Anti-affinity score " + plan.antiAffinityScore() + " (0 is perfect).");
        }
    }

    public static Map<String, Object> json(CreateOperation.Prepared prepared) {
        CreatePlan plan = prepared.plan();
        List<Map<String, Object>> masters = new ArrayList<>();
        for (var m : plan.masters()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", prepared.candidate(m.node()).self().id());
            e.put("address", m.node().address().toString());
            e.put("role", "master");
            e.put("masterId", null);
            e.put("slots", m.slots().toString());
            masters.add(e);
        }
        List<Map<String, Object>> replicas = new ArrayList<>();
        for (var r : plan.replicas()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", prepared.candidate(r.replica()).self().id());
            e.put("address", r.replica().address().toString());
            e.put("role", "replica");
            e.put("masterId", prepared.candidate(r.master()).self().id());
            replicas.add(e);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("masters", masters);
        doc.put("replicas", replicas);
        doc.put("antiAffinityScore", plan.antiAffinityScore());
        return doc;
    }
}
