package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.Trib;
import dev.trib.cli.mixin.EntryNode;
import dev.trib.cli.output.Json;
import dev.trib.cli.output.ReplyText;
import dev.trib.commands.ops.CallOperation;
import dev.trib.commands.ops.CallOperation.NodeReply;
import dev.trib.commands.ops.CallOperation.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;

@Command(name = CallCommand.NAME,
        description = "Run a command on every node of the cluster at once and show each reply.",
        footer = {"", "trib's options go before the command: everything from the command on is sent to the nodes "
                + "as it is, options included (trib call H:P --only-masters CONFIG GET maxmemory).", "", Trib.EXIT_CODES})
public final class CallCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "call";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    EntryNode entry;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", parameterConsumer = RestOfLine.class,
            description = "The command and its arguments.")
    List<String> command;

    @Option(names = {"--only-masters", "--cluster-only-masters", "--only-primaries", "--cluster-only-primaries"},
            description = "Only the masters.")
    boolean onlyMasters;

    @Option(names = {"--only-replicas", "--cluster-only-replicas"}, description = "Only the replicas.")
    boolean onlyReplicas;

    /** Takes every remaining argument as part of the command, so "-1" or "--foo" go to Redis, not to picocli. */
    static final class RestOfLine implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            List<String> rest = new ArrayList<>();
            while (!args.isEmpty()) {
                rest.add(args.pop());
            }
            argSpec.setValue(rest);
        }
    }

    @Override
    public Integer call() {
        if (onlyMasters && onlyReplicas) {
            throw cluster.usage("--only-masters and --only-replicas exclude each other");
        }
        Selection selection = onlyMasters ? Selection.MASTERS : onlyReplicas ? Selection.REPLICAS : Selection.ALL;
        try (Session session = cluster.open()) {
            session.progress().step("Calling " + String.join(" ", command));
            List<NodeReply> replies = new CallOperation(session.connector()).run(entry.address, selection, command);
            int code = replies.stream().anyMatch(NodeReply::failed) ? ExitCodes.PROBLEMS : ExitCodes.OK;
            // A node the cluster declared dead is a warning, not a failure: told first, then every reply.
            replies.forEach(r -> r.skipped().ifPresent(session.printer()::warning));
            if (session.json()) {
                List<Map<String, Object>> nodes = new ArrayList<>();
                for (NodeReply r : replies) {
                    Map<String, Object> n = Json.nodeRef(r.node());
                    n.put("reply", ReplyText.json(r.reply()));
                    n.put("error", r.failure().or(r::errorReply).orElse(null));
                    n.put("skipped", r.skipped().orElse(null));
                    nodes.add(n);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("exitCode", code);
                doc.put("command", command);
                doc.put("nodes", nodes);
                Json.print(session.out(), doc);
            } else {
                for (NodeReply r : replies) {
                    String prefix = r.node().address() + ":";
                    if (r.skipped().isPresent()) {
                        continue;
                    }
                    if (r.failure().isPresent()) {
                        session.printer().line(prefix + " (unreachable) " + r.failure().get());
                    } else {
                        ReplyText.lines(prefix, r.reply()).forEach(session.printer()::line);
                    }
                }
            }
            return code;
        }
    }
}
