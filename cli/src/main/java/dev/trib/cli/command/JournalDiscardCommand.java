package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.JournalFile;
import dev.trib.cli.output.Json;
import dev.trib.commands.migrate.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "discard", description = "Delete a journal: its run will not be resumed. Slots it left open (after a "
        + "kill -9) are closed by 'trib fix'.")
public final class JournalDiscardCommand implements Callable<Integer> {
    @Mixin
    JournalFile file;

    @Override
    public Integer call() {
        Journal j = file.load();
        j.discard();
        if (file.output.json) {
            Json.print(file.output.out(), Json.withExitCode(ExitCodes.OK,
                    Map.of("discarded", JournalShowCommand.json(j))));
            return ExitCodes.OK;
        }
        file.output.out().println("[OK] Discarded " + j.path() + " (" + j.kind() + " of the cluster at "
                + j.entry() + ", " + j.remaining().size() + " slot moves were left).");
        file.output.out().flush();
        return ExitCodes.OK;
    }
}
