package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.JournalFile;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.output.Json;
import dev.trib.commands.migrate.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "discard", description = "Delete a journal: its run will not be resumed. Slots it left open (after a "
        + "kill -9) are closed by 'trib fix'.")
public final class JournalDiscardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    JournalFile file;

    @Override
    public Integer call() {
        Journal j = file.load();
        j.discard();
        if (output.json) {
            java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("exitCode", ExitCodes.OK);
            doc.put("discarded", JournalShowCommand.json(j));
            Json.print(spec.commandLine().getOut(), doc);
            return ExitCodes.OK;
        }
        spec.commandLine().getOut().println("[OK] Discarded " + j.path() + " (" + j.kind() + " of the cluster at "
                + j.entry() + ", " + j.remaining().size() + " slot moves were left).");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
