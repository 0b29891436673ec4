package dev.trib.cli;

import dev.trib.cli.command.CompletionCommand;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checked-in completion scripts must be what the current picocli model generates. */
class CompletionScriptsTest {
    private static final Path COMPLETIONS = Path.of("..", "completions");

    private static String generate(CompletionCommand.Shell shell) {
        var cl = CommandLineFactory.create(new TribContext(Environment.of(java.util.Map.of()), null, false),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return CompletionCommand.script(cl, shell);
    }

    @Test
    void bashScriptIsFresh() throws IOException {
        assertFresh(COMPLETIONS.resolve("trib.bash"), generate(CompletionCommand.Shell.bash), "bash");
    }

    @Test
    void zshScriptIsFresh() throws IOException {
        assertFresh(COMPLETIONS.resolve("_trib"), generate(CompletionCommand.Shell.zsh), "zsh");
    }

    @Test
    void completionCommandPrintsTheScript() {
        TribRunner.Result r = TribRunner.trib("completion", "bash");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("complete -F _complete_trib"), r.out());
        assertTrue(r.out().contains("--search-multiple-owners"), "options of subcommands are completed");
    }

    private static void assertFresh(Path file, String expected, String shell) throws IOException {
        String hint = "completions are stale: run  bin/trib completion " + shell + " > completions/"
                + file.getFileName();
        assertTrue(Files.exists(file), hint);
        assertEquals(expected, Files.readString(file), hint);
    }
}
