package dev.trib.cli.prompt;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Asks the user. Empty means there is nobody to answer (stdin closed): callers treat it as "no", never loop. */
public interface Prompter {
    Optional<String> readLine(String prompt);

    Optional<char[]> readPassword(String prompt);

    /** A line with tab completion from the given choices (node IDs and addresses) where the terminal allows it. */
    default Optional<String> readLine(String prompt, List<Choice> choices) {
        return readLine(prompt);
    }

    /** redis-cli's convention: only the word yes accepts. */
    default boolean confirm(String question) {
        return readLine(question + " (type 'yes' to accept): ")
                .map(a -> a.trim().toLowerCase(Locale.ROOT).equals("yes"))
                .orElse(false);
    }
}
