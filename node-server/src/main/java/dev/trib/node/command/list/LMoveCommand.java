package dev.trib.node.command.list;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * LMOVE source destination LEFT|RIGHT LEFT|RIGHT, and RPOPLPUSH source destination (RIGHT LEFT): pops from one end of
 * the source and pushes onto an end of the destination (the same list rotates), replying with the element.
 */
public record LMoveCommand(Keyspace keyspace, boolean fixedRightLeft) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        boolean fromHead = false;
        boolean toHead = true;
        if (!fixedRightLeft) {
            Boolean from = head(request, 3);
            Boolean to = head(request, 4);
            if (from == null || to == null) {
                return Errors.SYNTAX;
            }
            fromHead = from;
            toHead = to;
        }
        Key sourceKey = request.key(1);
        ListValue source = keyspace.get(sourceKey, ListValue.class);
        if (source == null) {
            return request.unchanged(Replies.NULL_BULK);
        }
        return new BulkReply(move(keyspace, sourceKey, source, request.key(2), fromHead, toHead));
    }

    /**
     * Moves one element from an end of a non-empty source to an end of the destination (made when missing, a wrong
     * type refused before anything moves); the source goes away with its last element.
     */
    static byte[] move(Keyspace keyspace, Key sourceKey, ListValue source, Key targetKey, boolean fromHead,
                       boolean toHead) {
        ListValue target = keyspace.get(targetKey, ListValue.class);
        byte[] element = fromHead ? source.removeFirst() : source.removeLast();
        if (target == null) {
            target = new ListValue();
            keyspace.add(targetKey, target);
        }
        if (toHead) {
            target.addFirst(element);
        } else {
            target.addLast(element);
        }
        if (source.isEmpty()) {
            keyspace.delete(sourceKey);
        }
        return element;
    }

    /** LEFT (true) or RIGHT (false), in any case; null for anything else. */
    static Boolean head(CommandRequest request, int index) {
        if (request.argIs(index, "left")) {
            return true;
        }
        return request.argIs(index, "right") ? false : null;
    }
}
