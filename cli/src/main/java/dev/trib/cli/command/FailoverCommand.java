package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.Trib;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.mixin.WaitTimeoutOption;
import dev.trib.cli.output.ClusterText;
import dev.trib.commands.ops.FailoverOperation;
import dev.trib.commands.ops.FailoverOperation.Mode;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = FailoverCommand.NAME,
        description = "Promote a replica (or a master's best replica, or drain a host of masters).")
public final class FailoverCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "failover";

    @ParentCommand
    Trib trib;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    WaitTimeoutOption wait;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "The replica to promote, or a master to replace by its best replica; with --host, any node.")
    HostAndPort node;

    @Option(names = "--host", paramLabel = "IP", description = "Fail over every master on this host to a replica "
            + "on another host (maintenance of that host).")
    String host;

    static final class Variant {
        @Option(names = "--force", description = "CLUSTER FAILOVER FORCE: do not wait for the master (when it is "
                + "down). Writes it had not yet replicated are lost.")
        boolean force;

        @Option(names = "--takeover", description = "CLUSTER FAILOVER TAKEOVER: no vote of the other masters. If "
                + "the old master's side still has a majority, the cluster can end up with two views.")
        boolean takeover;
    }

    @ArgGroup(exclusive = true)
    Variant variant = new Variant();

    @Option(names = {"--dry-run", "--simulate"}, description = "Show the promotions and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Mode mode = variant.takeover ? Mode.TAKEOVER : variant.force ? Mode.FORCE : Mode.DEFAULT;
        java.time.Duration timeout = wait.waitTimeout();
        try (Session session = Session.open(spec, trib.context(), connection, output)) {
            if (mode == Mode.FORCE) {
                session.errWriter().println("[WARNING] --force: the master is not asked to stop; writes it had not "
                        + "replicated yet are lost.");
            } else if (mode == Mode.TAKEOVER) {
                session.errWriter().println("[WARNING] --takeover: no vote is held; if the old master's side still "
                        + "has a majority the cluster can split into two views.");
            }
            FailoverOperation operation = new FailoverOperation(session.connector());
            ClusterSnapshot snapshot = operation.load(node);
            List<FailoverOperation.Promotion> promotions = host != null ? operation.forHost(snapshot, host, mode)
                    : List.of(operation.forNode(snapshot, node, mode));
            if (promotions.isEmpty()) {
                session.printer().ok("No master on " + host + ": nothing to do.");
                return ExitCodes.OK;
            }
            session.progress().step("Failover" + (mode == Mode.DEFAULT ? "" : " (" + mode.name().toLowerCase() + ")"));
            promotions.forEach(p -> session.progress().line("  " + p.description()));
            if (dryRun) {
                return ExitCodes.OK;
            }
            operation.execute(snapshot, promotions, mode, timeout);
            session.printer().ok(promotions.size() + " replica(s) promoted; every reachable node agrees.");
            ClusterText.nodes(session.printer(), operation.load(host != null ? node : promotions.get(0).replica()
                    .address()));
            return ExitCodes.OK;
        }
    }
}
