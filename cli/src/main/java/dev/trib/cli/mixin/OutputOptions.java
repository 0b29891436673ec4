package dev.trib.cli.mixin;

import dev.trib.cli.TribContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** How results are shown: text or JSON, quiet, colour, verbosity. */
public class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    public boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print only the result, no progress.")
    public boolean quiet;

    @Option(names = "--no-color", description = "No colours (also: NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = "--verbose", description = "Show stack traces of unexpected errors.")
    public boolean verbose;

    /** Colours only for a person at a terminal, and never when asked not to. */
    public boolean color(TribContext context) {
        return !noColor && !json && context.stdoutIsTerminal() && !context.environment().get("NO_COLOR").isPresent();
    }

    /** The command's stdout (where tests capture it). */
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
