package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.ConfirmOptions;
import picocli.CommandLine.Mixin;

/** {@link NodeAccess} with --yes: every subcommand redis-cli --cluster has takes it, also those that never ask. */
public final class ClusterAccess extends NodeAccess {
    @Mixin
    ConfirmOptions confirm;

    /** --yes, --cluster-yes or REDISCLI_CLUSTER_YES=1. */
    boolean assumeYes() {
        return confirm.assumeYes(context());
    }

    /** Asks the question unless --yes; a no ends the command (exit 1) with {@code aborted}, nothing changed. */
    void confirmOrAbort(String question, String aborted) {
        if (!assumeYes() && !context().prompter().confirm(question)) {
            throw new TribException(ExitCodes.PROBLEMS, aborted);
        }
    }
}
