package dev.trib.node.command.keys;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/**
 * MOVE key db and SWAPDB index1 index2 on a node with a single database (0), as redis-server answers with
 * {@code databases 1}: refused in cluster mode, an out-of-range index refused, MOVE to the same database refused,
 * SWAPDB 0 0 a no-op that succeeds (and is propagated, as Redis counts it a change).
 */
record MoveCommand(boolean swapdb, boolean clusterMode) implements Command {
    private static final ErrorReply OUT_OF_RANGE = new ErrorReply("ERR DB index is out of range");
    private static final ErrorReply SAME = new ErrorReply("ERR source and destination objects are the same");

    @Override
    public RespReply execute(CommandRequest request) {
        if (clusterMode) {
            return new ErrorReply("ERR " + (swapdb ? "SWAPDB" : "MOVE") + " is not allowed in cluster mode");
        }
        if (!swapdb) {
            int db = Args.toInt(request.arg(2));
            return request.unchanged(db != 0 ? OUT_OF_RANGE : SAME);
        }
        int first = index(request.arg(1), "ERR invalid first DB index");
        int second = index(request.arg(2), "ERR invalid second DB index");
        if (first != 0 || second != 0) {
            return OUT_OF_RANGE;
        }
        return Replies.OK;
    }

    private static int index(byte[] arg, String error) {
        Long v = IntegerText.parse(arg);
        if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw dev.trib.node.command.Errors.fail(new ErrorReply(error));
        }
        return v.intValue();
    }
}
