package dev.trib.cli.mixin;

import dev.trib.cli.TribContext;
import picocli.CommandLine.Option;

/**
 * Skipping the confirmation prompt, as redis-cli's --cluster-yes and REDISCLI_CLUSTER_YES=1. redis-cli takes
 * --cluster-yes on every --cluster subcommand, so every trib subcommand redis-cli has takes it too, also those
 * that never ask: a script written for redis-cli runs unchanged.
 */
public class ConfirmOptions {
    static final String ENV = "REDISCLI_CLUSTER_YES";

    @Option(names = {"--yes", "--cluster-yes"}, description = "Answer yes to every confirmation (also: "
            + ENV + "=1).")
    boolean yes;

    /** redis-cli honours the variable only when it is exactly 1. */
    public boolean assumeYes(TribContext context) {
        return yes || context.environment().get(ENV).filter("1"::equals).isPresent();
    }
}
