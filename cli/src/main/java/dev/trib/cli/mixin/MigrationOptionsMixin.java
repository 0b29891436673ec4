package dev.trib.cli.mixin;

import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.SlotCommands.MigrateAuth;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** How keys move: shared by reshard and rebalance. */
public class MigrationOptionsMixin {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"--pipeline", "--cluster-pipeline"}, paramLabel = "N",
            defaultValue = "" + MigrationOptions.DEFAULT_KEYS_PER_MIGRATE,
            description = "Most keys per MIGRATE call (default: ${DEFAULT-VALUE}; redis-cli uses 10).")
    int pipeline;

    @Option(names = {"--migrate-timeout", "--cluster-timeout"}, paramLabel = "MS",
            defaultValue = "" + MigrationOptions.DEFAULT_TIMEOUT_MS,
            description = "MIGRATE timeout in ms, doubled on each retry of an I/O error (default: ${DEFAULT-VALUE}).")
    int migrateTimeout;

    @Option(names = {"--replace", "--cluster-replace"},
            description = "Overwrite keys that already exist on the target. Without it such keys stop the run.")
    boolean replace;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + MigrationOptions.DEFAULT_PARALLEL,
            description = "Rounds moving slots at the same time; a node may be in several as their source or "
                    + "as their target, never both at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Where to record progress for --resume (default: a new file in ~/.trib/journals).")
    public Path journal;

    public MigrationOptions options(ConnectionSettings settings) {
        if (pipeline < 1 || migrateTimeout < 1 || parallel < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--pipeline, --migrate-timeout and --parallel must be positive");
        }
        return new MigrationOptions(pipeline, migrateTimeout, replace, parallel,
                MigrationOptions.DEFAULT_SLOTS_PER_ROUND, new MigrateAuth(settings.user(), settings.password()));
    }
}
