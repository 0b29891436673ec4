package dev.trib.node.command.list;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.Propagation;
import dev.trib.node.command.blocking.BlockingTimeout;
import dev.trib.node.command.blocking.KeyWaits;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.List;

/**
 * BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout, and BRPOPLPUSH source destination timeout: LMOVE (RPOPLPUSH)
 * that waits for the source when it is empty. As in Redis 7.0 the time running out answers a null array, and inside
 * EXEC an empty source a null bulk; a destination of another type found when the client is served is its
 * WRONGTYPE error. Replicas get the LMOVE (RPOPLPUSH) it amounted to; one served after waiting names its ends in
 * lower case, as Redis sends it.
 */
public record BlockingMoveCommand(KeyWaits waits, Keyspace keyspace, boolean rpoplpush) implements Command {
    private static final byte[] LEFT = Propagation.ascii("left");
    private static final byte[] RIGHT = Propagation.ascii("right");

    @Override
    public RespReply execute(CommandRequest request) {
        boolean fromHead = false;
        boolean toHead = true;
        if (!rpoplpush) {
            Boolean from = LMoveCommand.head(request, 3);
            Boolean to = LMoveCommand.head(request, 4);
            if (from == null || to == null) {
                return Errors.SYNTAX;
            }
            fromHead = from;
            toHead = to;
        }
        byte[] timeoutArg = request.arg(request.argc() - 1);
        long timeout = BlockingTimeout.millis(timeoutArg);
        Key sourceKey = request.key(1);
        ListValue source = keyspace.get(sourceKey, ListValue.class);
        if (source != null) {
            byte[] element = LMoveCommand.move(keyspace, sourceKey, source, request.key(2), fromHead, toHead);
            request.propagation().replaceWith(rpoplpush
                    ? List.of(Propagation.ascii("RPOPLPUSH"), request.arg(1), request.arg(2))
                    : List.of(Propagation.ascii("LMOVE"), request.arg(1), request.arg(2), request.arg(3),
                            request.arg(4)));
            return new BulkReply(element);
        }
        List<byte[]> served = rpoplpush ? request.args() : List.of(request.arg(0), request.arg(1), request.arg(2),
                fromHead ? LEFT : RIGHT, toHead ? LEFT : RIGHT, timeoutArg);
        return waits.await(request, new KeyWaits.Wait(List.of(sourceKey), ListValue.class, timeout,
                Replies.NULL_ARRAY, key -> served), Replies.NULL_BULK);
    }
}
