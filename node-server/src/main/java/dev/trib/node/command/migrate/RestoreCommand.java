package dev.trib.node.command.migrate;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.rdb.DumpPayload;
import dev.trib.planner.rdb.RdbFormatException;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/**
 * RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency], and RESTORE-ASKING (the same,
 * sent by MIGRATE to a node importing the slot). IDLETIME (under an LRU policy) and FREQ (under an LFU
 * policy) set the key's access clock, as redis-server's objectSetLRUOrLFU; the other is checked and ignored.
 */
public record RestoreCommand(Keyspace keyspace) implements Command {
    static final ErrorReply BUSYKEY = new ErrorReply("BUSYKEY Target key name already exists.");
    static final ErrorReply BAD_TTL = new ErrorReply("ERR Invalid TTL value, must be >= 0");
    static final ErrorReply BAD_PAYLOAD = new ErrorReply("ERR DUMP payload version or checksum are wrong");
    static final ErrorReply BAD_FORMAT = new ErrorReply("ERR Bad data format");

    @Override
    public RespReply execute(CommandRequest request) {
        boolean replace = false;
        boolean absTtl = false;
        long idle = -1;
        long freq = -1;
        for (int i = 4; i < request.argc(); i++) {
            if (request.argIs(i, "replace")) {
                replace = true;
            } else if (request.argIs(i, "absttl")) {
                absTtl = true;
            } else if (request.argIs(i, "idletime") && i + 1 < request.argc() && freq < 0) {
                Long v = IntegerText.parse(request.arg(++i));
                if (v == null) {
                    return Errors.NOT_INTEGER;
                }
                if (v < 0) {
                    return new ErrorReply("ERR Invalid IDLETIME value, must be >= 0");
                }
                idle = v;
            } else if (request.argIs(i, "freq") && i + 1 < request.argc() && idle < 0) {
                Long v = IntegerText.parse(request.arg(++i));
                if (v == null) {
                    return Errors.NOT_INTEGER;
                }
                if (v < 0 || v > 255) {
                    return new ErrorReply("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
                freq = v;
            } else {
                return Errors.SYNTAX;
            }
        }
        // Checked in redis-server's order: options, existing key, TTL, then the payload.
        Key key = request.key(1);
        if (!replace && keyspace.exists(key)) {
            return BUSYKEY;
        }
        Long ttl = IntegerText.parse(request.arg(2));
        if (ttl == null) {
            return Errors.NOT_INTEGER;
        }
        if (ttl < 0) {
            return BAD_TTL;
        }
        RedisValue value;
        try {
            value = DumpPayload.restore(request.arg(3));
        } catch (DumpPayload.ChecksumException e) {
            return BAD_PAYLOAD;
        } catch (RdbFormatException e) {
            return BAD_FORMAT;
        }
        if (replace) {
            keyspace.delete(key);
        }
        long expireAt = ttl == 0 ? 0 : absTtl ? ttl : keyspace.now() + ttl;
        if (expireAt != 0 && expireAt <= keyspace.now()) {
            request.propagation().pinTtl(keyspace, key);
            return Replies.OK; // already expired: Redis answers OK and stores nothing
        }
        keyspace.add(key, value);
        keyspace.restoreAccess(key, idle, freq);
        if (expireAt != 0) {
            keyspace.setExpireAt(key, expireAt);
        }
        // A relative TTL replays as an absolute one.
        request.propagation().pinTtl(keyspace, key);
        return Replies.OK;
    }
}
