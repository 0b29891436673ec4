package dev.trib.node.command.string;

import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Command;
import dev.trib.node.command.Errors;
import dev.trib.node.command.Propagation;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.List;

/**
 * GETEX key [EX s|PX ms|EXAT ts|PXAT ms-ts|PERSIST]: GET that also sets or removes the TTL. Replicas get the effect
 * (PEXPIREAT, PERSIST, or DEL for a time already past), nothing when the TTL is untouched.
 */
public record GetExCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        StringOptions options = StringOptions.parse(request, 2, true);
        if (options == null) {
            return Errors.SYNTAX;
        }
        Key key = request.key(1);
        StringValue value = keyspace.get(key, StringValue.class);
        Propagation propagation = request.propagation();
        propagation.suppress();
        if (value == null) {
            return Replies.NULL_BULK;
        }
        int flags = options.flags();
        if (options.expire() != null) {
            long at = SetCommand.expireAtMillis(keyspace, "getex", options.expire(), flags);
            if ((flags & (SetCommand.EXAT | SetCommand.PXAT)) != 0 && at <= keyspace.now()) {
                keyspace.delete(key);
                propagation.replaceWith(List.of(Propagation.ascii("DEL"), key.bytes()));
            } else {
                keyspace.setExpireAt(key, at);
                propagation.replaceWith(List.of(Propagation.ascii("PEXPIREAT"), key.bytes(),
                        Propagation.ascii(Long.toString(at))));
            }
        } else if ((flags & StringOptions.PERSIST) != 0 && keyspace.persist(key)) {
            propagation.replaceWith(List.of(Propagation.ascii("PERSIST"), key.bytes()));
        }
        return new BulkReply(value.bytes());
    }
}
