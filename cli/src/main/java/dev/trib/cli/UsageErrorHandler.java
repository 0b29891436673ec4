package dev.trib.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.List;
import java.util.Optional;

/**
 * A usage error is one {@code [ERR]} line naming options as the user typed them, a "did you mean" for a mistyped
 * option, and where to read more: never the whole usage text, which buries the one line that matters. Exit 2;
 * under --json also the error document on stdout.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    private final StdoutDocument stdout;

    UsageErrorHandler(StdoutDocument stdout) {
        this.stdout = stdout;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = message(ex, cmd, args);
        cmd.getErr().println("[ERR] " + message);
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        cmd.getErr().flush();
        if (JsonRequest.asked(cmd, args)) {
            stdout.printError(ExitCodes.USAGE, List.of(message));
        }
        return ExitCodes.USAGE;
    }

    /**
     * An unknown option comes first even when picocli stopped at a later argument: in {@code --treshold 3 H:P}
     * the unknown option is the mistake, not the "3" it then took for the address.
     */
    private static String message(ParameterException ex, CommandLine cmd, String[] args) {
        List<String> unknown = cmd.getUnmatchedArguments().stream()
                .filter(a -> a.startsWith("-") && a.length() > 1).toList();
        if (!unknown.isEmpty()) {
            String first = unknown.get(0);
            String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            return "Unknown option: '" + name + "'" + suggestion(cmd, name).map(s -> " (did you mean '" + s + "'?)")
                    .orElse("");
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            if (!cmd.getSubcommands().isEmpty()) {
                return "Unknown command: '" + word + "'" + closest(word, cmd.getSubcommands().keySet())
                        .map(s -> " (did you mean '" + s + "'?)").orElse("");
            }
            return "Unexpected argument: '" + word + "'";
        }
        return TypedNames.asTyped(cmd.getCommandSpec(), List.of(args), tidy(ex.getMessage()), true);
    }

    /** picocli's wording, without its stutter ("option option") and its "Error: " prefix (the line has [ERR]). */
    private static String tidy(String m) {
        String t = m.startsWith("Error: ") ? m.substring("Error: ".length()) : m;
        return t.replace("option option ", "option ");
    }

    /** The option meant by a mistyped name: one or two edits away, or the start of exactly one option. */
    static Optional<String> suggestion(CommandLine cmd, String typed) {
        if (!typed.startsWith("--")) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> prefixed = new java.util.ArrayList<>();
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (o.hidden()) {
                continue;
            }
            for (String name : o.names()) {
                // A redis-cli spelling is only suggested for a redis-cli spelling, and trib's for trib's.
                if (name.startsWith("--cluster-") != typed.startsWith("--cluster-")) {
                    continue;
                }
                int d = distance(typed, name);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = name;
                }
                if (typed.length() >= 5 && name.startsWith(typed)) {
                    prefixed.add(name);
                }
            }
        }
        if (best != null && bestDistance <= (typed.length() > 6 ? 2 : 1)) {
            return Optional.of(best);
        }
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    /** The subcommand meant by a mistyped one: at most two edits away. */
    private static Optional<String> closest(String typed, java.util.Collection<String> names) {
        return names.stream().filter(n -> distance(typed, n) <= 2)
                .min(java.util.Comparator.comparingInt(n -> distance(typed, n)));
    }

    /** Edits (insert, delete, replace, swap two neighbours) from a to b: optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
