package dev.trib.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Whether the user asked for --json, even when parsing stopped before reaching it. */
final class JsonRequest {
    static final String OPTION = "--json";

    private JsonRequest() {
    }

    static boolean asked(CommandLine cmd, String[] args) {
        ParseResult parsed = cmd.getParseResult();
        if (parsed != null && parsed.hasMatchedOption(OPTION)) {
            return true;
        }
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals(OPTION)) {
                return true;
            }
        }
        return false;
    }

    /** From the subcommand's parse result, as the execution handler receives it. */
    static boolean asked(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(OPTION)) {
                return true;
            }
        }
        return false;
    }
}
