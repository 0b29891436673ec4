package dev.trib.node.command.extra;

import dev.trib.node.resp.SetReply;
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
import dev.trib.node.resp.SimpleStringReply;
import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND GETKEYSANDFLAGS command arg...: the keys COMMAND GETKEYS finds, each with access flags. This node keeps no
 * per-key specs, so the flags follow the command: RO/access for read-only commands, RW/access/update for writes
 * (Redis is finer: SET's key is OW/update, LMOVE's source RW/access/delete).
 */
record GetKeysAndFlagsCommand(CommandTable table) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        CommandSpec spec = table.lookup(request.arg(2));
        int argc = request.argc() - 2;
        if (spec == null) {
            return new ErrorReply("ERR Invalid command specified");
        }
        if (spec.isContainer() && argc >= 2) {
            CommandSpec sub = spec.subcommand(dev.trib.node.command.CommandTable.lowerName(request.arg(3)));
            if (sub != null) {
                spec = sub;
            }
        }
        if (!spec.hasKeys() && spec.command() != null && spec.command().keyPositions(request.args().subList(2,
                request.argc())) == null) {
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
        List<RespReply> flags = spec.has(CommandFlag.WRITE)
                ? List.of(new SimpleStringReply("RW"), new SimpleStringReply("access"), new SimpleStringReply("update"))
                : List.of(new SimpleStringReply("RO"), new SimpleStringReply("access"));
        List<RespReply> out = new ArrayList<>();
        for (int p : positions) {
            out.add(Replies.array(List.of(new BulkReply(request.arg(p + 2)), new SetReply(flags))));
        }
        return Replies.array(out);
    }
}
