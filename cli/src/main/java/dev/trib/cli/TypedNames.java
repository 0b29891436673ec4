package dev.trib.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages name an option as the user typed it: a script written for redis-cli passes {@code --cluster-slots}
 * and must read {@code --cluster-slots} in the error, not trib's own spelling of it (and the other way round).
 */
final class TypedNames {
    private TypedNames() {
    }

    /**
     * The message with every option of the command that the user spelled differently renamed to that spelling.
     *
     * @param untypedByFirstName for picocli's own messages: an option not typed at all is named by its first
     *     (trib's) name where picocli takes the longest, often redis-cli's ("Missing required option: '--from'")
     */
    static String asTyped(CommandSpec spec, List<String> args, String message, boolean untypedByFirstName) {
        String result = message;
        for (OptionSpec o : spec.options()) {
            String typed = typed(o, args);
            if (typed == null && !untypedByFirstName) {
                continue;
            }
            if (typed == null) {
                typed = o.names()[0].startsWith("--") || o.names().length == 1 ? o.names()[0] : o.longestName();
            }
            for (String name : o.names()) {
                if (!name.equals(typed)) {
                    result = result.replaceAll("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])",
                            Matcher.quoteReplacement(typed));
                }
            }
        }
        return result;
    }

    /** The name of this option the arguments use, or null. */
    private static String typed(OptionSpec o, List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return null;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            for (String n : o.names()) {
                if (n.equals(name)) {
                    return n;
                }
            }
        }
        return null;
    }
}
