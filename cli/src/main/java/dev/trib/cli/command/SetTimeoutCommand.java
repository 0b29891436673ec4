package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.EntryNode;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.SetTimeoutOperation;
import dev.trib.commands.ops.SetTimeoutOperation.NodeOutcome;
import dev.trib.commands.ops.SetTimeoutOperation.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = SetTimeoutCommand.NAME,
        description = "Set cluster-node-timeout on every node and save it to its config file.")
public final class SetTimeoutCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "set-timeout";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    EntryNode entry;

    @Parameters(index = "1", paramLabel = "MS", description = "The new cluster-node-timeout in milliseconds "
            + "(at least " + SetTimeoutOperation.MIN_TIMEOUT_MS + ").")
    long timeoutMs;

    /**
     * "New node timeout 5000 ms set: applied on 7 nodes; not saved on 7: no config file (...); skipped 1 node the
     * cluster flags fail." {@code total} counts the nodes tried (not the skipped ones).
     */
    String summary(long total, long applied, long notSaved, long skipped) {
        List<String> parts = new ArrayList<>();
        parts.add("applied on " + applied + (applied < total ? " of " + total : "") + " node" + (total == 1 ? "" : "s"));
        if (notSaved > 0) {
            parts.add("not saved on " + notSaved + ": no config file (a restart brings back the old value)");
        }
        if (applied < total) {
            parts.add("failed on " + (total - applied));
        }
        if (skipped > 0) {
            parts.add("skipped " + skipped + " node" + (skipped == 1 ? "" : "s") + " the cluster flags fail");
        }
        return "New node timeout " + timeoutMs + " ms " + (applied > 0 ? "set" : "not set") + ": "
                + String.join("; ", parts) + ".";
    }

    @Override
    public Integer call() {
        if (timeoutMs < SetTimeoutOperation.MIN_TIMEOUT_MS) {
            throw cluster.usage("MS must be at least "
                    + SetTimeoutOperation.MIN_TIMEOUT_MS + " (a smaller node timeout fails nodes over for nothing)");
        }
        try (Session session = cluster.open()) {
            session.progress().step("Reconfiguring node timeout in every cluster node...");
            List<NodeOutcome> outcomes = new SetTimeoutOperation(session.connector()).run(entry.address, timeoutMs);
            long ok = outcomes.stream().filter(o -> o.status() == Status.OK).count();
            long notSaved = outcomes.stream().filter(o -> o.status() == Status.NOT_SAVED).count();
            long skipped = outcomes.stream().filter(o -> o.status() == Status.SKIPPED).count();
            long tried = outcomes.size() - skipped;
            // A node the cluster declared dead is a warning: what counts is every other node saving the value.
            int code = ok == tried ? ExitCodes.OK : ExitCodes.PROBLEMS;
            if (session.json()) {
                List<Map<String, Object>> nodes = new ArrayList<>();
                for (NodeOutcome o : outcomes) {
                    Map<String, Object> n = Json.nodeRef(o.node());
                    n.put("status", o.status().name());
                    n.put("error", o.status() == Status.SKIPPED ? null : o.problem().orElse(null));
                    n.put("skipped", o.status() == Status.SKIPPED ? o.problem().orElse(null) : null);
                    nodes.add(n);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("exitCode", code);
                doc.put("timeoutMs", timeoutMs);
                doc.put("applied", ok + notSaved);
                doc.put("notSaved", notSaved);
                doc.put("failed", tried - ok - notSaved);
                doc.put("skipped", skipped);
                doc.put("nodes", nodes);
                Json.print(session.out(), doc);
            }
            outcomes.stream().filter(o -> o.status() == Status.SKIPPED)
                    .forEach(o -> session.printer().warning(o.problem().orElseThrow()));
            // A node without a config file is the same story on every node: told once in the summary, not per node.
            for (NodeOutcome o : outcomes) {
                if (o.status() == Status.OK) {
                    session.printer().line(o.address() + " OK");
                } else if (o.status() == Status.FAILED) {
                    session.printer().line(o.address() + " ERR " + o.problem().orElse("?"));
                }
            }
            session.printer().line(">>> " + summary(tried, ok + notSaved, notSaved, skipped));
            return code;
        }
    }
}
