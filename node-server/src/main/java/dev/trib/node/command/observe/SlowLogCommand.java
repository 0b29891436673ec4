package dev.trib.node.command.observe;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.List;

/** SLOWLOG GET [count] | LEN | RESET. */
record SlowLogCommand(SlowLog log, String sub) implements Command {
    private static final ErrorReply BAD_COUNT = new ErrorReply("ERR count should be greater than or equal to -1");

    @Override
    public RespReply execute(CommandRequest request) {
        switch (sub) {
            case "len":
                return Replies.integer(log.size());
            case "reset":
                log.reset();
                return Replies.OK;
            default:
                break;
        }
        if (request.argc() > 3) {
            return Errors.subcommandSyntax(request.args());
        }
        long count = 10;
        if (request.argc() == 3) {
            Long v = IntegerText.parse(request.arg(2));
            if (v == null || v < -1) {
                return BAD_COUNT;
            }
            count = v == -1 ? log.size() : v;
        }
        List<RespReply> out = new ArrayList<>();
        for (SlowLog.Entry e : log.newest(count)) {
            List<RespReply> args = new ArrayList<>(e.argv().size());
            for (byte[] a : e.argv()) {
                args.add(new BulkReply(a));
            }
            out.add(Replies.array(List.of(Replies.integer(e.id()), Replies.integer(e.time()),
                    Replies.integer(e.micros()), Replies.array(args), BulkReply.of(e.peer()), BulkReply.of(e.name()))));
        }
        return Replies.array(out);
    }
}
