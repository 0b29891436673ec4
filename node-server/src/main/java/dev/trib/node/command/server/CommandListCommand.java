package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND (every entry), COMMAND COUNT, COMMAND LIST and COMMAND INFO name...: the variants only
 * differ in which entries they print and how.
 */
public record CommandListCommand(CommandTable table, Mode mode) implements Command {
    enum Mode { ALL, COUNT, LIST, INFO }

    public static CommandListCommand all(CommandTable table) {
        return new CommandListCommand(table, Mode.ALL);
    }

    public static CommandListCommand count(CommandTable table) {
        return new CommandListCommand(table, Mode.COUNT);
    }

    public static CommandListCommand list(CommandTable table) {
        return new CommandListCommand(table, Mode.LIST);
    }

    public static CommandListCommand info(CommandTable table) {
        return new CommandListCommand(table, Mode.INFO);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        List<RespReply> out = new ArrayList<>();
        switch (mode) {
            case COUNT -> {
                return Replies.integer(table.all().size());
            }
            case ALL -> table.all().forEach(spec -> out.add(CommandInfoReplies.entry(spec)));
            case LIST -> {
                if (request.argc() > 2) {
                    return Errors.SYNTAX;
                }
                for (CommandSpec spec : table.all()) {
                    out.add(BulkReply.of(spec.name()));
                    spec.subcommandsView().values().forEach(sub -> out.add(BulkReply.of(sub.name())));
                }
            }
            case INFO -> {
                if (request.argc() == 2) {
                    table.all().forEach(spec -> out.add(CommandInfoReplies.entry(spec)));
                }
                for (int i = 2; i < request.argc(); i++) {
                    CommandSpec spec = lookup(request.arg(i));
                    out.add(spec == null ? Replies.NULL_ARRAY : CommandInfoReplies.entry(spec));
                }
            }
            default -> throw new IllegalStateException();
        }
        return Replies.array(out);
    }

    /** "name" or "container|sub". */
    private CommandSpec lookup(byte[] name) {
        String lower = CommandTable.lowerName(name);
        if (lower == null) {
            return null;
        }
        int bar = lower.indexOf('|');
        if (bar < 0) {
            return table.lookup(name);
        }
        CommandSpec parent = table.lookup(lower.substring(0, bar));
        return parent == null ? null : parent.subcommand(lower.substring(bar + 1));
    }
}
