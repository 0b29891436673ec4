package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.WrongTypeException;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** SMOVE source destination member: 1 when the member moved (or is in a set moved onto itself), else 0. */
public record SMoveCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key sourceKey = request.key(1);
        Key targetKey = request.key(2);
        RedisValue source = keyspace.get(sourceKey);
        RedisValue target = keyspace.get(targetKey);
        if (source == null) {
            return request.unchanged(Replies.ZERO); // as Redis, even when the destination has the wrong type
        }
        if (!(source instanceof SetValue from) || (target != null && !(target instanceof SetValue))) {
            throw new WrongTypeException();
        }
        byte[] member = request.arg(3);
        if (source == target) {
            return request.unchanged(Replies.bool(from.contains(member)));
        }
        if (!from.remove(member)) {
            return request.unchanged(Replies.ZERO);
        }
        if (from.size() == 0) {
            keyspace.delete(sourceKey);
        }
        SetValue to = (SetValue) target;
        if (to == null) {
            to = SetValue.forFirstMember(member);
            keyspace.add(targetKey, to);
        }
        to.add(member);
        return Replies.ONE;
    }
}
