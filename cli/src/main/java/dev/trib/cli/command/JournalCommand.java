package dev.trib.cli.command;

import dev.trib.cli.Trib;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = JournalCommand.NAME, description = "See and drop the journals of unfinished reshards and rebalances "
        + "(~/.trib/journals): list, show, discard.",
        subcommands = {JournalListCommand.class, JournalShowCommand.class, JournalDiscardCommand.class})
public final class JournalCommand {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "journal";

    @ParentCommand
    Trib trib;
}
