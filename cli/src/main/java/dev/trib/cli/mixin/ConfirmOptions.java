package dev.trib.cli.mixin;

import dev.trib.cli.TribContext;
import picocli.CommandLine.Option;

/** Skipping the confirmation prompt, as redis-cli's --cluster-yes and REDISCLI_CLUSTER_YES=1. */
public class ConfirmOptions {
    @Option(names = {"--yes", "--cluster-yes"}, description = "Answer yes to every confirmation (also: "
            + "REDISCLI_CLUSTER_YES=1).")
    boolean yes;

    public boolean assumeYes(TribContext context) {
        return yes || context.environment().get("REDISCLI_CLUSTER_YES").filter("1"::equals).isPresent();
    }
}
