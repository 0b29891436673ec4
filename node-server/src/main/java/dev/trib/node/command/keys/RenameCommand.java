package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** RENAME / RENAMENX key newkey: moves the value and its TTL; renaming a key to itself is a no-op. */
public record RenameCommand(Keyspace keyspace, boolean onlyIfAbsent) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key source = request.key(1);
        Key target = request.key(2);
        KeyEntry entry = keyspace.lookup(source);
        if (entry == null) {
            return Errors.NO_SUCH_KEY;
        }
        if (source.equals(target)) {
            return request.unchanged(onlyIfAbsent ? Replies.ZERO : Replies.OK);
        }
        RedisValue value = entry.value();
        long expireAt = entry.expireAt();
        if (keyspace.exists(target)) {
            if (onlyIfAbsent) {
                return request.unchanged(Replies.ZERO);
            }
            keyspace.delete(target);
        }
        keyspace.delete(source);
        keyspace.add(target, value);
        if (expireAt != KeyEntry.NO_EXPIRE) {
            keyspace.setExpireAt(target, expireAt);
        }
        return onlyIfAbsent ? Replies.ONE : Replies.OK;
    }
}
