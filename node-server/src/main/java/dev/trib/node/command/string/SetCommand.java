package dev.trib.node.command.string;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.Propagation;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms-ts|KEEPTTL]. Option conflicts follow
 * Redis exactly: NX/XX exclude each other, the expiry forms exclude each other and KEEPTTL, and
 * repeating the same form is accepted (the last one wins).
 */
public record SetCommand(Keyspace keyspace) implements Command {
    static final int NX = 1;
    static final int XX = 1 << 1;
    static final int GET = 1 << 2;
    static final int KEEPTTL = 1 << 3;
    static final int EX = 1 << 4;
    static final int PX = 1 << 5;
    static final int EXAT = 1 << 6;
    static final int PXAT = 1 << 7;

    @Override
    public RespReply execute(CommandRequest request) {
        StringOptions options = StringOptions.parse(request, 3, false);
        if (options == null) {
            return Errors.SYNTAX;
        }
        int flags = options.flags();
        byte[] expire = options.expire();
        RespReply reply = set(keyspace, request.propagation(), "set", request.arg(1), request.arg(2), flags, expire,
                Replies.OK, Replies.NULL_BULK);
        if (expire != null && !request.propagation().suppressed()) {
            request.propagation().pinTtl(keyspace, request.key(1));
        }
        return reply;
    }

    /**
     * The shared SET logic (SET, SETNX, SETEX, PSETEX).
     *
     * @param propagation told when NX/XX prevented the write: then nothing changed and nothing is propagated
     * @param okReply    reply when the value was stored (ignored with GET)
     * @param abortReply reply when NX/XX prevented the write (ignored with GET)
     */
    static RespReply set(Keyspace keyspace, Propagation propagation, String commandName, byte[] keyBytes,
                         byte[] value, int flags, byte[] expire, RespReply okReply, RespReply abortReply) {
        long expireAt = 0;
        if (expire != null) {
            expireAt = expireAtMillis(keyspace, commandName, expire, flags);
        }
        RespReply previous = null;
        if ((flags & GET) != 0) {
            previous = GetCommand.valueOf(keyspace, keyBytes);
        }
        Key key = Key.of(keyBytes);
        boolean found = keyspace.exists(key);
        if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
            propagation.suppress();
            return previous != null ? previous : abortReply;
        }
        StringValue stored = new StringValue(value);
        if ((flags & KEEPTTL) != 0) {
            keyspace.overwrite(key, stored);
        } else {
            keyspace.set(key, stored);
        }
        if (expire != null) {
            keyspace.setExpireAt(key, expireAt);
        }
        return previous != null ? previous : okReply;
    }

    static long expireAtMillis(Keyspace keyspace, String commandName, byte[] text, int flags) {
        long ms = Args.toLong(text);
        boolean seconds = (flags & (EX | EXAT)) != 0;
        if (ms <= 0 || (seconds && ms > Long.MAX_VALUE / 1000)) {
            throw Errors.fail(Errors.invalidExpireTime(commandName));
        }
        if (seconds) {
            ms *= 1000;
        }
        if ((flags & (EX | PX)) != 0) {
            ms += keyspace.now();
        }
        if (ms <= 0) {
            // The relative form overflowed.
            throw Errors.fail(Errors.invalidExpireTime(commandName));
        }
        return ms;
    }
}
