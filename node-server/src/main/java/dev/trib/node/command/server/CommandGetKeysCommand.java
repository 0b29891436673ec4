package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.KeyPositions;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SetReply;
import dev.trib.node.resp.SimpleStringReply;
import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND GETKEYS command arg...: the keys the call would touch (a container's subcommand named, as OBJECT ENCODING
 * key). With flags, COMMAND GETKEYSANDFLAGS: each key with access flags, which this node takes from the command
 * (RO/access for read-only commands, RW/access/update for writes; redis-server's per-key specs are finer, e.g.
 * OW/update for SET's key).
 */
public record CommandGetKeysCommand(CommandTable table, boolean withFlags) implements Command {
    private static final List<RespReply> READ = List.of(new SimpleStringReply("RO"), new SimpleStringReply("access"));
    private static final List<RespReply> WRITE = List.of(new SimpleStringReply("RW"), new SimpleStringReply("access"),
            new SimpleStringReply("update"));

    public CommandGetKeysCommand(CommandTable table) {
        this(table, false);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        CommandSpec spec = table.lookup(request.arg(2));
        int argc = request.argc() - 2;
        if (spec != null && spec.isContainer() && argc >= 2) {
            String sub = CommandTable.lowerName(request.arg(3));
            spec = sub == null ? null : spec.subcommand(sub); // XGROUP CREATE's key, as lookupCommand finds it
        }
        if (spec == null) {
            return new ErrorReply("ERR Invalid command specified");
        }
        if (spec.isContainer() && argc >= 2) {
            CommandSpec sub = spec.subcommand(CommandTable.lowerName(request.arg(3)));
            spec = sub != null ? sub : spec;
        }
        // redis-server's order: a command without keys at all, then the arity, then this call's keys.
        if (!spec.hasKeys() && !spec.has(CommandFlag.MOVABLEKEYS)) {
            return new ErrorReply("ERR The command has no key arguments");
        }
        if (!spec.acceptsArgc(argc)) {
            return new ErrorReply("ERR Invalid number of arguments specified for command");
        }
        List<Integer> positions = KeyPositions.of(spec, request.args().subList(2, request.argc()));
        if (positions.isEmpty()) {
            return spec.has(CommandFlag.NO_MANDATORY_KEYS) ? Replies.EMPTY_ARRAY
                    : new ErrorReply("ERR Invalid arguments specified for command");
        }
        List<RespReply> out = new ArrayList<>();
        for (int p : positions) {
            BulkReply key = new BulkReply(request.arg(p + 2));
            out.add(withFlags ? Replies.array(List.of(key, new SetReply(spec.has(CommandFlag.WRITE) ? WRITE : READ)))
                    : key);
        }
        return Replies.array(out);
    }
}
