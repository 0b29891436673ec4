package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.mixin.WaitTimeoutOption;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.commands.ops.ReplaceOperation;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = ReplaceCommand.NAME,
        description = "Replace a node by an empty one (e.g. of a newer Redis): NEW joins OLD's shard as a replica, "
                + "catches up, takes over if OLD is the master, and OLD is removed. Rerun to resume.")
public final class ReplaceCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "replace";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    WaitTimeoutOption wait;

    @Parameters(index = "0", paramLabel = "OLD", converter = HostAndPortConverter.class,
            description = "The node to replace (HOST:PORT), a member of the cluster, reachable or not.")
    HostAndPort oldNode;

    @Parameters(index = "1", paramLabel = "NEW", converter = HostAndPortConverter.class,
            description = "The node that takes its place (HOST:PORT): empty, cluster-enabled, any Redis version at "
                    + "least as new as the shard's master.")
    HostAndPort newNode;

    @Option(names = "--via", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "A live member to read the cluster from: needed when OLD is down (a failed replica, or a "
                    + "failed master whose replica took over) and NEW has not joined yet.")
    HostAndPort via;

    @Option(names = "--sync-timeout", paramLabel = "MS", defaultValue = "600000",
            description = "How long NEW may take to copy the shard's data and catch up (default: ${DEFAULT-VALUE}).")
    long syncTimeoutMs;

    @Option(names = {"--dry-run", "--simulate"}, description = "Show the steps still to run and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Duration timeout = wait.waitTimeout();
        if (syncTimeoutMs <= 0) {
            throw cluster.usage("--sync-timeout must be positive");
        }
        try (Session session = cluster.open()) {
            ReplaceOperation operation = new ReplaceOperation(session.connector());
            ReplaceOperation.Plan plan = operation.prepare(oldNode, newNode, java.util.Optional.ofNullable(via));
            session.progress().step("Replacing " + describeOld(plan) + " with " + plan.newAddress() + " (Redis "
                    + plan.newVersion() + ")" + (plan.from() == ReplaceOperation.Phase.JOIN
                    || plan.from() == ReplaceOperation.Phase.DONE ? "" : ", resuming at the " + phase(plan.from())
                    + " step"));
            plan.steps().forEach(s -> session.progress().line("  " + s));
            if (plan.from() == ReplaceOperation.Phase.DONE) {
                session.progress().line("  Nothing left: " + plan.oldAddress() + " is no longer a member.");
            }
            if (dryRun) {
                return finish(session, plan, null);
            }
            if (plan.from() != ReplaceOperation.Phase.DONE) {
                cluster.confirmOrAbort("Replace " + plan.oldAddress() + " with " + plan.newAddress() + "?",
                        "Aborted: nothing was changed.");
            }
            ReplaceOperation.Result result = runInterruptibly(operation, plan, session, timeout);
            return finish(session, plan, result);
        }
    }

    /** Ctrl-C asks the operation to stop at its next check and waits for that, so no step is cut in half. */
    private ReplaceOperation.Result runInterruptibly(ReplaceOperation operation, ReplaceOperation.Plan plan,
                                                     Session session, Duration timeout) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            operation.requestStop();
            try {
                finished.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "trib-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            return operation.execute(plan, session.listener(), timeout, Duration.ofMillis(syncTimeoutMs));
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is running and has just been released.
            }
        }
    }

    private static String describeOld(ReplaceOperation.Plan plan) {
        return plan.oldAddress() + plan.old().map(o -> " (" + (o.reachable() ? "Redis " + plan.oldVersion()
                : "unreachable") + ", " + (o.self().isMaster() ? "master of " + o.self().slots().size() + " slots"
                : "replica") + ")").orElse("");
    }

    private static String phase(ReplaceOperation.Phase p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    /** The outcome (or, for a dry run, the plan) and a check of the cluster as it is now. */
    private int finish(Session session, ReplaceOperation.Plan plan, ReplaceOperation.Result result) {
        ClusterSnapshot now = new ClusterLoader(session.connector()).load(
                result == null ? plan.snapshot().entry() : plan.newAddress());
        CheckReport report = ClusterChecker.check(now, false);
        int code = report.healthy() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        if (session.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", code);
            doc.put("dryRun", result == null);
            doc.put("changed", result != null && plan.from() != ReplaceOperation.Phase.DONE);
            doc.put("startedAt", phase(plan.from()));
            doc.put("steps", plan.steps());
            Map<String, Object> old = plan.old().map(Json::nodeRef).orElseGet(() -> {
                Map<String, Object> gone = new LinkedHashMap<>(); // removed by an earlier run
                gone.put("id", null);
                gone.put("address", plan.oldAddress().toString());
                gone.put("role", "unknown");
                gone.put("masterId", null);
                return gone;
            });
            old.put("version", plan.oldVersion().toString());
            doc.put("old", old);
            doc.put("new", newNode(plan, now));
            if (result != null) {
                doc.put("oldReset", result.oldReset());
            }
            doc.put("check", Json.check(report, code));
            Json.print(session.out(), doc);
        } else {
            if (result != null) {
                session.printer().ok(plan.newAddress() + " replaced " + plan.oldAddress() + " (now a "
                        + (result.newIsMaster() ? "master" : "replica") + ")"
                        + (result.oldReset() ? "; " + plan.oldAddress() + " was reset and can be shut down." : "."));
            }
            ClusterText.checkAfterChange(session.printer(), report);
        }
        return code;
    }

    /** NEW as the cluster sees it now, or as it sees itself before it joined. */
    private static Map<String, Object> newNode(ReplaceOperation.Plan plan, ClusterSnapshot now) {
        Map<String, Object> m = now.nodes().stream().filter(n -> n.address().equals(plan.newAddress())).findFirst()
                .map(Json::nodeRef).orElseGet(() -> {
                    Map<String, Object> alone = new LinkedHashMap<>();
                    alone.put("id", plan.join().map(j -> j.self().id()).orElse(null));
                    alone.put("address", plan.newAddress().toString());
                    alone.put("role", "master");
                    alone.put("masterId", null);
                    return alone;
                });
        m.put("version", plan.newVersion().toString());
        return m;
    }
}
