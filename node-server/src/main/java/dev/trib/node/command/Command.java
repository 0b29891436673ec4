package dev.trib.node.command;

import dev.trib.node.keyspace.ValueType;
import dev.trib.node.resp.RespReply;
import java.util.List;

/**
 * One Redis command (or a tight group of variants). Implementations receive the state they touch
 * through their constructor and run on the keyspace's event loop; arity has already been checked.
 * Errors are returned as replies or thrown as {@link RedisError} / WrongTypeException.
 */
@FunctionalInterface
public interface Command {
    RespReply execute(CommandRequest request);

    /**
     * Where this call's keys are (argument indexes) when the table's first/last/step cannot say: the commands
     * flagged MOVABLEKEYS, as Redis's getkeys procedures. Null means the table's positions apply.
     */
    default List<Integer> keyPositions(List<byte[]> argv) {
        return null;
    }

    /**
     * The data type a command serves when its implementation is shared by several types ({@link SizeCommand},
     * {@link ElementScanCommand}), for its ACL category; null when the package it lives in says (command.hash ...).
     */
    default ValueType valueType() {
        return null;
    }
}
