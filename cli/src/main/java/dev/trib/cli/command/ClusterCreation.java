package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.CreatePlanText;
import dev.trib.cli.output.Json;
import dev.trib.cli.prompt.Prompter;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.commands.ops.CreateOperation;
import dev.trib.commands.ops.ProgressListener;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.FindingKind;
import dev.trib.planner.topology.HostAndPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The create flow shared by {@code trib create} and {@code trib sandbox up}: validate, show, confirm, apply, check. */
final class ClusterCreation {
    private ClusterCreation() {
    }

    /**
     * @param prompter empty when the caller already has the user's consent
     * @return the exit code of the final check
     */
    static int run(Session session, List<HostAndPort> nodes, int replicas, Optional<Prompter> prompter,
                   Duration waitTimeout, boolean waitOk) {
        CreateOperation operation = new CreateOperation(session.connector());
        CreateOperation.Prepared prepared = operation.prepare(nodes, replicas);
        CreatePlanText.print(session.progress(), prepared);
        if (prompter.isPresent() && !prompter.get().confirm("Can I set the above configuration?")) {
            throw new TribException(ExitCodes.PROBLEMS, "Aborted: no node was changed.");
        }
        // What the creation warned of (a master failed back to its planned role) goes into --json's document too.
        List<String> warnings = new ArrayList<>();
        ProgressListener listener = session.listener(line -> {
            synchronized (warnings) {
                warnings.add(line);
            }
        });
        // Ctrl-C lets the creation finish (seconds): stopped midway, nodes would hold slots but not know each other.
        Optional<ClusterSnapshot> asRead;
        try (Interruption ctrlC = Interruption.onCtrlC(() -> { })) {
            asRead = operation.execute(prepared, listener, waitTimeout, waitOk);
            if (ctrlC.interrupted()) {
                throw new TribException(ExitCodes.INTERRUPTED, "Interrupted: the creation was completed first, so no "
                        + "node is left half-configured; check it with: trib check "
                        + prepared.candidates().get(0).spec().address());
            }
        }
        HostAndPort first = prepared.candidates().get(0).spec().address();
        CheckReport report = ClusterChecker.check(asRead.orElseGet(() -> new ClusterLoader(session.connector())
                .load(first)), false);
        long notYetOk = report.of(FindingKind.CLUSTER_STATE_FAIL).size();
        if (!waitOk) {
            // Asked not to wait for it: a fresh master's cluster_state:fail is expected, not a problem.
            report = new CheckReport(report.snapshot(), report.findings().stream()
                    .filter(f -> f.kind() != FindingKind.CLUSTER_STATE_FAIL).toList(), report.searchedMultipleOwners());
        }
        int code = report.healthy() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        if (session.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", code);
            doc.put("plan", CreatePlanText.json(prepared));
            doc.put("check", Json.check(report, code));
            synchronized (warnings) {
                doc.put("warnings", List.copyOf(warnings));
            }
            Json.print(session.out(), doc);
        } else {
            ClusterText.checkAfterChange(session.printer(), report);
            if (!waitOk && notYetOk > 0) {
                session.printer().line(notYetOk + " node(s) still report cluster_state:fail; Redis turns new masters "
                        + "ok within min(cluster-node-timeout, 5 s).");
            }
        }
        return code;
    }
}
