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
import java.util.ArrayList;
import java.util.List;

/** COMMAND GETKEYS command arg...: the keys the call would touch. */
public record CommandGetKeysCommand(CommandTable table) implements Command {
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
            out.add(new BulkReply(request.arg(p + 2)));
        }
        return Replies.array(out);
    }
}
