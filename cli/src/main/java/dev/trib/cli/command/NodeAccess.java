package dev.trib.cli.command;

import dev.trib.cli.Trib;
import dev.trib.cli.TribContext;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.OutputOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every subcommand that talks to nodes has in common, as one mixin: the connection and output options, the
 * command's own spec, trib's context, and the {@link Session} they open. Each command keeps only its own options and
 * its steps. {@link ClusterAccess} adds --yes for the commands redis-cli has.
 */
public class NodeAccess {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    /** The environment, terminal and prompter of this run (held by the top command). */
    TribContext context() {
        return ((Trib) spec.root().userObject()).context();
    }

    /** Connects as the options say and prints where --json and --quiet say. */
    Session open() {
        return Session.open(spec, context(), connection, output);
    }

    /** A usage error (exit 2) about this command's arguments. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
