package dev.trib.node.command.keys;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.UpdateFlags;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CText;

/**
 * EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT key time [NX|XX|GT|LT]. A time already in the past
 * deletes the key (and still answers 1). GT treats "no TTL" as infinite, so it never applies to a
 * persistent key; LT always applies to one.
 */
public record ExpireCommand(Keyspace keyspace, String name, boolean seconds, boolean absolute) implements Command {
    private static final ErrorReply NX_CONFLICT =
            new ErrorReply("ERR NX and XX, GT or LT options at the same time are not compatible");
    private static final ErrorReply GT_LT_CONFLICT =
            new ErrorReply("ERR GT and LT options at the same time are not compatible");

    public static ExpireCommand expire(Keyspace ks) {
        return new ExpireCommand(ks, "expire", true, false);
    }

    public static ExpireCommand pexpire(Keyspace ks) {
        return new ExpireCommand(ks, "pexpire", false, false);
    }

    public static ExpireCommand expireAt(Keyspace ks) {
        return new ExpireCommand(ks, "expireat", true, true);
    }

    public static ExpireCommand pexpireAt(Keyspace ks) {
        return new ExpireCommand(ks, "pexpireat", false, true);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        int flags = 0;
        for (int i = 3; i < request.argc(); i++) {
            int flag = UpdateFlags.at(request, i, UpdateFlags.NX | UpdateFlags.XX | UpdateFlags.GT | UpdateFlags.LT);
            if (flag == 0) {
                return ErrorReply.formatted("Unsupported option " + CText.printed(request.arg(i), Integer.MAX_VALUE));
            }
            flags |= flag;
        }
        boolean nx = UpdateFlags.has(flags, UpdateFlags.NX);
        boolean xx = UpdateFlags.has(flags, UpdateFlags.XX);
        boolean gt = UpdateFlags.has(flags, UpdateFlags.GT);
        boolean lt = UpdateFlags.has(flags, UpdateFlags.LT);
        if (nx && (xx || gt || lt)) {
            return NX_CONFLICT;
        }
        if (gt && lt) {
            return GT_LT_CONFLICT;
        }

        long when = Args.toLong(request.arg(2));
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                return Errors.invalidExpireTime(name);
            }
            when *= 1000;
        }
        long base = absolute ? 0 : keyspace.now();
        if (when > Long.MAX_VALUE - base) {
            return Errors.invalidExpireTime(name);
        }
        when += base;

        Key key = request.key(1);
        // GT/LT against a relative time could decide differently when replayed: send the outcome instead.
        request.propagation().suppress();
        if (!keyspace.exists(key)) {
            return Replies.ZERO;
        }
        long current = keyspace.expireAt(key);
        boolean persistent = current == KeyEntry.NO_EXPIRE;
        if ((nx && !persistent) || (xx && persistent) || (gt && (persistent || when <= current))
                || (lt && !persistent && when >= current)) {
            return Replies.ZERO;
        }
        if (when <= keyspace.now()) {
            keyspace.delete(key);
        } else {
            keyspace.setExpireAt(key, when);
        }
        // Replayed later or elsewhere, only the absolute time gives the same result.
        request.propagation().pinTtl(keyspace, key);
        return Replies.ONE;
    }
}
