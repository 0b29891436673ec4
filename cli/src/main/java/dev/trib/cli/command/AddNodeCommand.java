package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.NodeRefConverter;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.WaitTimeoutOption;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.AddNodeOperation;
import dev.trib.commands.ops.ClusterLoader;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = AddNodeCommand.NAME, description = "Add an empty node to the cluster, as a master or as a replica.")
public final class AddNodeCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "add-node";

    @Mixin
    ClusterAccess cluster;

    @Parameters(index = "0", paramLabel = "NEW_HOST:PORT", converter = HostAndPortConverter.class,
            description = "The node to add: empty, cluster-enabled, knowing no other node.")
    HostAndPort newNode;

    @Parameters(index = "1", paramLabel = "EXISTING_HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any node of the cluster.")
    HostAndPort existing;

    @Option(names = {"--replica", "--slave", "--cluster-slave", "--cluster-replica"},
            description = "Add the node as a replica (of --master-id, else of the master with the fewest replicas).")
    boolean replica;

    @Option(names = {"--master-id", "--cluster-master-id"}, paramLabel = "ID", converter = NodeRefConverter.class,
            description = "The master to replicate (full ID or unique prefix); implies --replica.")
    String masterId;

    @Mixin
    WaitTimeoutOption wait;

    @Override
    public Integer call() {
        if (newNode.equals(existing)) {
            throw cluster.usage("NEW_HOST:PORT and EXISTING_HOST:PORT are the same node ("
                    + newNode + "): the first is the node to add, the second any member of the cluster");
        }
        Duration waitTimeout = wait.waitTimeout();
        try (Session session = cluster.open()) {
            session.progress().step("Adding node " + newNode + " to cluster " + existing);
            AddNodeOperation operation = new AddNodeOperation(session.connector());
            AddNodeOperation.Prepared prepared = operation.prepare(new AddNodeOperation.Request(newNode, existing,
                    replica, Optional.ofNullable(masterId)));
            if (prepared.nothingToDo().isPresent()) {
                return alreadyMember(session, prepared);
            }
            prepared.warnings().forEach(session.progress()::warning);
            if (prepared.masterChosen()) {
                NodeReport m = prepared.master().orElseThrow();
                session.progress().detail("Automatically selected master " + m.address() + " (" + m.id() + ")");
            }
            AddNodeOperation.Result result;
            // Ctrl-C lets the join finish (seconds): stopped midway, the node would be known to some members only.
            try (Interruption ctrlC = Interruption.onCtrlC(() -> { })) {
                result = operation.execute(prepared, session.listener(), waitTimeout);
                if (ctrlC.interrupted()) {
                    throw new TribException(ExitCodes.INTERRUPTED, "Interrupted: the join was completed first; "
                            + result.address() + " (" + result.id() + ") is a member of the cluster. Check it with: "
                            + "trib check " + existing);
                }
            }
            CheckReport report = ClusterChecker.check(new ClusterLoader(session.connector()).load(existing), false);
            // A dead replica elsewhere is reported, but does not make this run a failure.
            int code = Preflight.nothingNew(report, prepared.warnings()) ? ExitCodes.OK : ExitCodes.PROBLEMS;
            if (session.json()) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("id", result.id());
                node.put("address", result.address().toString());
                node.put("role", result.master().isPresent() ? "replica" : "master");
                node.put("masterId", result.master().map(NodeReport::id).orElse(null));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("exitCode", code);
                doc.put("changed", true);
                doc.put("added", node);
                doc.put("check", Json.check(report, code));
                Json.print(session.out(), doc);
            } else {
                session.printer().ok("New node " + result.address() + " (" + result.id() + ") added "
                        + result.master().map(m -> "as a replica of " + m.address()).orElse("as a master")
                        + ".");
                ClusterText.checkAfterChange(session.printer(), report);
            }
            return code;
        }
    }

    /** A repeated add-node: the node is a member in the role asked for; nothing was changed. */
    private int alreadyMember(Session session, AddNodeOperation.Prepared prepared) {
        String reason = prepared.nothingToDo().orElseThrow();
        if (session.json()) {
            Map<String, Object> node = Json.nodeRef(prepared.snapshot().node(prepared.self().id()).orElseThrow());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", ExitCodes.OK);
            doc.put("changed", false);
            doc.put("reason", reason);
            doc.put("added", node);
            Json.print(session.out(), doc);
        }
        session.printer().ok(reason);
        return ExitCodes.OK;
    }
}
