package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.NodeRefConverter;
import dev.trib.cli.mixin.WaitTimeoutOption;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.commands.ops.DelNodeOperation;
import dev.trib.commands.ops.Preflight;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = DelNodeCommand.NAME,
        description = "Remove a node without slots from the cluster, even one that is down.")
public final class DelNodeCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "del-node";

    @Mixin
    ClusterAccess cluster;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any reachable node of the cluster (the one to remove too, if it runs).")
    HostAndPort entry;

    @Parameters(index = "1", paramLabel = "NODE_ID", converter = NodeRefConverter.class,
            description = "The node to remove: full ID or unique prefix.")
    String nodeId;

    @Mixin
    WaitTimeoutOption wait;

    @Override
    public Integer call() {
        Duration waitTimeout = wait.waitTimeout();
        try (Session session = cluster.open()) {
            DelNodeOperation operation = new DelNodeOperation(session.connector());
            DelNodeOperation.Prepared prepared = operation.prepare(entry, nodeId);
            NodeReport target = prepared.target();
            session.progress().step("Removing node " + target.address() + " (" + target.id() + ") from cluster "
                    + entry);
            DelNodeOperation.Result result = operation.execute(prepared, session.listener(),
                    waitTimeout);
            // The entry node may be the one removed: check from a node that stays.
            HostAndPort checkFrom = prepared.others().stream().filter(NodeReport::reachable).map(NodeReport::address)
                    .findFirst().orElse(entry);
            CheckReport report = ClusterChecker.check(new ClusterLoader(session.connector()).load(checkFrom), false);
            boolean complete = result.forgetFailures().isEmpty();
            // A dead replica elsewhere is reported, but does not make this run a failure.
            int code = Preflight.onlyDegraded(report) && complete ? ExitCodes.OK : ExitCodes.PROBLEMS;
            if (session.json()) {
                Map<String, Object> removed = Json.nodeRef(target);
                removed.put("wasReachable", target.reachable());
                removed.put("reset", result.reset());
                List<Map<String, Object>> moves = new ArrayList<>();
                for (DelNodeOperation.Move m : result.moves()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("replica", Json.nodeRef(m.replica()));
                    e.put("newMaster", Json.nodeRef(m.newMaster()));
                    moves.add(e);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("exitCode", code);
                doc.put("removed", removed);
                doc.put("replicasMoved", moves);
                doc.put("stillKnownBy", result.forgetFailures());
                doc.put("check", Json.check(report, code));
                Json.print(session.out(), doc);
            } else {
                result.resetProblem().ifPresent(p -> session.printer().warning("The removed node was not reset: " + p
                        + ". It still believes it is part of the cluster (the others ignore it)."));
                result.forgetFailures().forEach((node, why) -> session.printer().error("Node " + node
                        + " could not forget " + target.id() + ": " + why + ". Run this del-node again as soon as it is "
                        + "back, before it gossips the removed node to the others."));
                if (complete) {
                    session.printer().ok("Node " + target.address() + " (" + target.id() + ") removed from the "
                            + "cluster.");
                }
                ClusterText.checkAfterChange(session.printer(), report);
            }
            return code;
        }
    }
}
