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
import dev.trib.commands.ops.ImportOperation;
import dev.trib.commands.ops.Preflight;
import dev.trib.commands.ops.ReshardOperation;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
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
}
