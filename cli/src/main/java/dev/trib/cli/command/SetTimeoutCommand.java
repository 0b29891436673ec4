package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.Trib;
import dev.trib.cli.mixin.ConfirmOptions;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.SetTimeoutOperation;
import dev.trib.commands.ops.SetTimeoutOperation.NodeOutcome;
import dev.trib.commands.ops.SetTimeoutOperation.Status;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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

    @ParentCommand
    Trib trib;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfirmOptions confirm;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any node of the cluster.")
    HostAndPort entry;

    @Parameters(index = "1", paramLabel = "MS", description = "The new cluster-node-timeout in milliseconds "
            + "(at least " + SetTimeoutOperation.MIN_TIMEOUT_MS + ").")
    long timeoutMs;

    @Override
    public Integer call() {
        if (timeoutMs < SetTimeoutOperation.MIN_TIMEOUT_MS) {
            throw new ParameterException(spec.commandLine(), "MS must be at least "
                    + SetTimeoutOperation.MIN_TIMEOUT_MS + " (a smaller node timeout fails nodes over for nothing)");
        }
        try (Session session = Session.open(spec, trib.context(), connection, output)) {
            session.progress().step("Reconfiguring node timeout in every cluster node...");
            List<NodeOutcome> outcomes = new SetTimeoutOperation(session.connector()).run(entry, timeoutMs);
            long ok = outcomes.stream().filter(o -> o.status() == Status.OK).count();
            int code = ok == outcomes.size() ? ExitCodes.OK : ExitCodes.PROBLEMS;
            if (session.json()) {
                List<Map<String, Object>> nodes = new ArrayList<>();
                for (NodeOutcome o : outcomes) {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("address", o.address().toString());
                    n.put("status", o.status().name());
                    n.put("error", o.problem().orElse(null));
                    nodes.add(n);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("timeoutMs", timeoutMs);
                doc.put("nodes", nodes);
                doc.put("exitCode", code);
                Json.print(session.out(), doc);
            } else {
                for (NodeOutcome o : outcomes) {
                    session.printer().line(o.address() + (o.status() == Status.OK ? " OK"
                            : " ERR " + o.problem().orElse("?")));
                }
                session.progress().step("New node timeout set. " + ok + " OK, " + (outcomes.size() - ok) + " ERR.");
            }
            return code;
        }
    }
}
