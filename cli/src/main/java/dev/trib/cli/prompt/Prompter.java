package dev.trib.cli.prompt;

import java.util.Locale;
import java.util.Optional;

/** Asks the user. Empty means there is nobody to answer (stdin closed): callers treat it as "no", never loop. */
public interface Prompter {
    Optional<String> readLine(String prompt);

    Optional<char[]> readPassword(String prompt);

    /** A line with tab completion from the given words (node ids) where the terminal allows it. */
    default Optional<String> readLine(String prompt, java.util.List<String> completions) {
        return readLine(prompt);
    }

    /** redis-cli's convention: only the word yes accepts. */
    default boolean confirm(String question) {
        return readLine(question + " (type 'yes' to accept): ")
                .map(a -> a.trim().toLowerCase(Locale.ROOT).equals("yes"))
                .orElse(false);
    }
}
