package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.TribException;
import dev.trib.cli.output.Json;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.SlotCommands.MigrateAuth;
import dev.trib.commands.measure.CapacityRail;
import dev.trib.commands.ops.ImportOperation;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.ops.Preflight;
import dev.trib.commands.ops.ReshardOperation;
import dev.trib.planner.alloc.CapacityCheck;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = ImportCommand.NAME, description = "Move (or --copy) every key of a standalone Redis into the cluster.")
public final class ImportCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "import";

    @Mixin
    ClusterAccess cluster;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any node of the target cluster.")
    HostAndPort entry;

    @Option(names = {"--from", "--cluster-from"}, required = true, paramLabel = "HOST:PORT",
            converter = HostAndPortConverter.class, description = "The standalone Redis to take keys from (db 0).")
    HostAndPort source;

    @Option(names = {"--copy", "--cluster-copy"}, description = "Leave the keys on the source too.")
    boolean copy;

    @Option(names = {"--replace", "--cluster-replace"},
            description = "Overwrite keys that already exist in the cluster; without it they stop the import.")
    boolean replace;

    @Option(names = {"--from-user", "--cluster-from-user"}, paramLabel = "USER", description = "Source ACL user.")
    String fromUser;

    @Option(names = {"--from-pass", "--cluster-from-pass"}, paramLabel = "PASSWORD", description = "Source password.")
    String fromPass;

    @Option(names = {"--from-askpass", "--cluster-from-askpass"}, description = "Ask for the source's password.")
    boolean fromAskPass;

    @Option(names = {"--migrate-timeout", "--cluster-timeout"}, paramLabel = "MS",
            defaultValue = "" + MigrationOptions.DEFAULT_TIMEOUT_MS,
            description = "MIGRATE timeout in ms (default: ${DEFAULT-VALUE}).")
    int migrateTimeout;

    @Option(names = "--force", description = "Import even when a master would go above its maxmemory (estimated from "
            + "sampled MEMORY USAGE on the source).")
    boolean force;

    @Option(names = "--preflight", description = "Check the import against the cluster's maxmemory and show what "
            + "each master would receive, changing nothing; exit 1 when it would be refused.")
    boolean preflightOnly;

    @Override
    public Integer call() {
        if (source.equals(entry)) {
            throw cluster.usage("--from " + source + " is the cluster node given: the "
                    + "source is a standalone Redis (not cluster-enabled), HOST:PORT a node of the cluster");
        }
        try (Session session = cluster.open()) {
            ConnectionSettings settings = session.settings();
            Optional<char[]> sourcePassword = fromAskPass
                    ? Optional.of(cluster.context().prompter().readPassword("Please input the source's password: ")
                    .orElseThrow(() -> new TribException(ExitCodes.USAGE, "--from-askpass: no password could be read")))
                    : Optional.ofNullable(fromPass).map(String::toCharArray);
            try (NodeConnector sourceConnector = new NodeConnector(
                    settings.withCredentials(Optional.ofNullable(fromUser), sourcePassword))) {
                ImportOperation operation = new ImportOperation(sourceConnector);
                NodeClient from = operation.validateSource(source);
                Preflight preflight = new ReshardOperation(session.connector()).preflight(entry);
                ClusterSnapshot snapshot = preflight.snapshot();
                // Keys land in every slot: each one must be served and closed, by a master that can be reached.
                Preflight.Scope scope = Preflight.Scope.of(NAME, SlotSet.ALL, snapshot.masters().stream()
                        .filter(m -> !m.self().slots().isEmpty()).map(NodeReport::id).toList());
                preflight.refuseUnsafe(scope);
                preflight.warnings(scope).forEach(session.progress()::warning);
                List<CapacityCheck.Change> changes = capacity(session, from, snapshot);
                if (preflightOnly) {
                    return preflightAnswer(session, snapshot, changes);
                }
                session.progress().step("Importing keys from " + source + " into the cluster at " + entry
                        + (copy ? " (copy)" : "") + (replace ? " (replace)" : ""));
                long started = System.nanoTime();
                long[] lastShown = {0};
                ImportOperation.Result result;
                try (Interruption ctrlC = Interruption.onCtrlC(operation::requestStop)) {
                    result = operation.run(from, snapshot, new ImportOperation.Request(source, copy, replace,
                            migrateTimeout, new MigrateAuth(settings.user(), settings.password())), keys -> {
                                if (keys - lastShown[0] >= 10_000) {
                                    lastShown[0] = keys;
                                    session.progress().detail(keys + " keys imported");
                                }
                            });
                }
                if (result.stopped()) {
                    throw new TribException(ExitCodes.INTERRUPTED, "Interrupted after " + result.keysImported()
                            + " keys; each key is whole in the cluster" + (copy ? " (and still in the source)"
                            : " or still in the source") + ". Finish with the same import" + (copy && !replace
                            ? " plus --replace (the keys copied so far are in both)" : "") + ".");
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                if (session.json()) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("exitCode", ExitCodes.OK);
                    doc.put("keysImported", result.keysImported());
                    doc.put("seconds", Math.round(seconds * 1000) / 1000.0);
                    doc.put("copy", copy);
                    Json.print(session.out(), doc);
                } else {
                    session.printer().ok(String.format(Locale.ROOT, "Imported %d keys in %.2f s.",
                            result.keysImported(), seconds));
                }
                return ExitCodes.OK;
            }
        }
    }

    /**
     * The capacity rail, before any key moves: each master with a maxmemory and what the source would bring it,
     * refused in one line when one would go above its limit; a warning instead with --force or --preflight.
     */
    private List<CapacityCheck.Change> capacity(Session session, NodeClient from, ClusterSnapshot snapshot) {
        List<CapacityCheck.Change> changes;
        try {
            changes = new CapacityRail(session.connector()).estimateImport(snapshot, from);
        } catch (OperationRefusedException unmeasured) {
            if (!force) {
                throw unmeasured;
            }
            session.progress().warning("Room in the cluster not checked: " + unmeasured.getMessage() + ".");
            return List.of();
        }
        changes.forEach(c -> session.progress().detail("  " + c.describe()));
        if (!force && !preflightOnly) {
            CapacityRail.refuseOverflow(changes);
        }
        changes.stream().filter(CapacityCheck.Change::overflows).forEach(c ->
                session.progress().warning(c.overflow() + (force ? " (--force)." : ".")));
        return changes;
    }

    /** --preflight's answer: what each master would receive and what would be refused; nothing imported. */
    private int preflightAnswer(Session session, ClusterSnapshot snapshot, List<CapacityCheck.Change> changes) {
        List<String> refusals = force ? List.of() : changes.stream().filter(CapacityCheck.Change::overflows)
                .map(c -> c.overflow() + ".").toList();
        int code = refusals.isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        if (session.json()) {
            List<Map<String, Object>> targets = new ArrayList<>();
            for (CapacityCheck.Change c : changes) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("node", snapshot.node(c.nodeId()).map(Json::nodeRef).orElse(Map.of("id", c.nodeId())));
                t.put("keys", c.count());
                t.put("bytes", c.bytes());
                t.put("usedMemory", c.memory().used());
                t.put("maxmemory", c.memory().maxmemory());
                t.put("overflows", c.overflows());
                targets.add(t);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", code);
            doc.put("dryRun", true);
            doc.put("changed", false);
            doc.put("refusals", refusals);
            doc.put("capacity", targets);
            Json.print(session.out(), doc);
        }
        if (refusals.isEmpty()) {
            session.printer().ok("Preflight passed: no rail would refuse importing from " + source
                    + ". Nothing was imported.");
        } else {
            session.printer().error("Preflight: " + refusals.size() + " problem" + (refusals.size() == 1 ? "" : "s")
                    + " would refuse this import (--force overrides). Nothing was imported.");
        }
        return code;
    }
}
