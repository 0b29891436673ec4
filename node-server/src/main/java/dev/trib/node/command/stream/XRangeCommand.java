package dev.trib.node.command.stream;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * XRANGE key start end [COUNT n] and XREVRANGE key end start [COUNT n]: the entries in the range, "(" making a
 * bound exclusive. COUNT 0 (or negative) answers a null array, as Redis does.
 */
public record XRangeCommand(Keyspace keyspace, boolean rev) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        StreamId start = StreamIds.bound(request.arg(rev ? 3 : 2), true);
        StreamId end = StreamIds.bound(request.arg(rev ? 2 : 3), false);
        long count = -1;
        for (int j = 4; j < request.argc(); j++) {
            if (request.argIs(j, "count") && j + 1 < request.argc()) {
                count = Math.max(0, Args.toLong(request.arg(++j)));
            } else {
                throw Errors.fail(Errors.SYNTAX);
            }
        }
        StreamValue stream = Streams.get(keyspace, request.key(1));
        if (stream == null) {
            return Replies.EMPTY_ARRAY;
        }
        if (count == 0) {
            return Replies.NULL_ARRAY;
        }
        return Replies.array(Streams.entries(stream.range(start, end, rev, count < 0 ? 0 : count)));
    }
}
