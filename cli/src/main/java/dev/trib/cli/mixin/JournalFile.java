package dev.trib.cli.mixin;

import dev.trib.commands.migrate.Journal;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The journal a {@code trib journal} subcommand acts on (a path, or a file name in ~/.trib/journals) and how the
 * subcommand reports.
 */
public class JournalFile {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    public OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "The journal (a path, or a file name in "
            + "~/.trib/journals).")
    Path file;

    /** The journal read; an empty name is a usage error, an unreadable file the journal's own one-line refusal. */
    public Journal load() {
        if (file.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(), "FILE is empty: give a journal's path or file name "
                    + "('trib journal list' shows them)");
        }
        return Journal.load(resolve(file));
    }

    /** A name without a directory is looked for in ~/.trib/journals. */
    static Path resolve(Path given) {
        return given.getParent() == null && !Files.exists(given) ? Journal.defaultDirectory().resolve(given) : given;
    }
}
