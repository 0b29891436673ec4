package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * TTL and PTTL key, and EXPIRETIME and PEXPIRETIME key (the absolute unix time): -2 when missing, -1 without a TTL;
 * seconds are rounded from milliseconds to the nearest, as Redis does.
 */
public record TtlCommand(Keyspace keyspace, boolean millis, boolean absolute) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        if (!keyspace.exists(key)) {
            return Replies.integer(-2);
        }
        long expireAt = keyspace.expireAt(key);
        if (expireAt == KeyEntry.NO_EXPIRE) {
            return Replies.MINUS_ONE;
        }
        long ttl = Math.max(0, absolute ? expireAt : expireAt - keyspace.now());
        return Replies.integer(millis ? ttl : (ttl + 500) / 1000);
    }
}
