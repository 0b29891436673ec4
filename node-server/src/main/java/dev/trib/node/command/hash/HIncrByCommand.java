package dev.trib.node.command.hash;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/** HINCRBY key field increment. */
public record HIncrByCommand(Keyspace keyspace) implements Command {
    private static final ErrorReply NOT_INTEGER = new ErrorReply("ERR hash value is not an integer");

    @Override
    public RespReply execute(CommandRequest request) {
        long delta = Args.toLong(request.arg(3));
        HashValue hash = Hashes.getOrCreate(keyspace, request.key(1));
        Key field = Key.of(request.arg(2));
        byte[] current = hash.get(field);
        long value = 0;
        if (current != null) {
            Long parsed = IntegerText.parse(current);
            if (parsed == null) {
                return NOT_INTEGER;
            }
            value = parsed;
        }
        long result = value + delta;
        if (((value ^ result) & (delta ^ result)) < 0) {
            return Errors.OVERFLOW;
        }
        hash.put(field, IntegerText.formatShared(result));
        return Replies.integer(result);
    }
}
