package dev.trib.node.command.string;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
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
        int flags = 0;
        byte[] expire = null;
        for (int j = 3; j < request.argc(); j++) {
            boolean hasNext = j < request.argc() - 1;
            if (request.argIs(j, "nx") && (flags & XX) == 0) {
                flags |= NX;
            } else if (request.argIs(j, "xx") && (flags & NX) == 0) {
                flags |= XX;
            } else if (request.argIs(j, "get")) {
                flags |= GET;
            } else if (request.argIs(j, "keepttl") && (flags & (EX | PX | EXAT | PXAT)) == 0) {
                flags |= KEEPTTL;
            } else if (request.argIs(j, "ex") && (flags & (KEEPTTL | PX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= EX;
                expire = request.arg(++j);
            } else if (request.argIs(j, "px") && (flags & (KEEPTTL | EX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= PX;
                expire = request.arg(++j);
            } else if (request.argIs(j, "exat") && (flags & (KEEPTTL | EX | PX | PXAT)) == 0 && hasNext) {
                flags |= EXAT;
                expire = request.arg(++j);
            } else if (request.argIs(j, "pxat") && (flags & (KEEPTTL | EX | PX | EXAT)) == 0 && hasNext) {
                flags |= PXAT;
                expire = request.arg(++j);
            } else {
                return Errors.SYNTAX;
            }
        }
        RespReply reply = set(keyspace, "set", request.arg(1), request.arg(2), flags, expire, Replies.OK,
                Replies.NULL_BULK);
        if (expire != null) {
            request.propagation().pinTtl(keyspace, request.key(1));
        }
        return reply;
    }

    /**
     * The shared SET logic (SET, SETNX, SETEX, PSETEX).
     *
     * @param okReply    reply when the value was stored (ignored with GET)
     * @param abortReply reply when NX/XX prevented the write (ignored with GET)
     */
    static RespReply set(Keyspace keyspace, String commandName, byte[] keyBytes, byte[] value, int flags,
                         byte[] expire, RespReply okReply, RespReply abortReply) {
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

    private static long expireAtMillis(Keyspace keyspace, String commandName, byte[] text, int flags) {
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
