package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.AccessClock;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/**
 * OBJECT ENCODING|REFCOUNT|IDLETIME|FREQ key. ENCODING names what redis-server 7.0 would use for the value under its
 * default thresholds (strings int/embstr/raw; lists quicklist; sets intset/hashtable; hashes listpack until 512
 * entries, sorted sets until 128, or a 64-byte element, then hashtable/skiplist; streams stream); REFCOUNT is Redis's:
 * shared small integers report INT_MAX, anything else 1. IDLETIME (LRU policies) and FREQ (LFU policies) read the
 * key's access clock ({@link dev.trib.node.keyspace.AccessClock}); under the other kind of policy each refuses as
 * Redis does. OBJECT itself is not an access.
 */
record ObjectCommand(Keyspace keyspace, LiveConfig config, Kind kind) implements Command {
    enum Kind { ENCODING, REFCOUNT, IDLETIME, FREQ }

    private static final int OBJ_SHARED_INTEGERS = 10000;
    private static final ErrorReply NO_LFU = new ErrorReply("ERR An LFU maxmemory policy is not selected, access "
            + "frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data "
            + "will take some time to adjust.");
    private static final ErrorReply LFU = new ErrorReply("ERR An LFU maxmemory policy is selected, idle time not "
            + "tracked. Please note that when switching between policies at runtime LRU and LFU data will take some "
            + "time to adjust.");

    @Override
    public RespReply execute(CommandRequest request) {
        KeyEntry entry = keyspace.peek(request.key(2));
        if (entry == null) {
            return Replies.NULL_BULK;
        }
        AccessClock clock = keyspace.accessClock();
        boolean lfu = clock.lfu();
        return switch (kind) {
            case ENCODING -> BulkReply.of(encoding(entry.value()));
            case REFCOUNT -> Replies.integer(sharedInteger(entry.value()) ? Integer.MAX_VALUE : 1);
            case IDLETIME -> lfu ? LFU : Replies.integer(clock.idleMillis(entry.access()) / 1000);
            case FREQ -> lfu ? Replies.integer(clock.frequency(entry.access())) : NO_LFU;
        };
    }

    static String encoding(RedisValue value) {
        if (value instanceof StringValue s) {
            if (s.isRaw()) {
                return "raw";
            }
            if (s.length() <= 20 && IntegerText.parse(s.bytes()) != null) {
                return "int";
            }
            return s.length() <= 44 ? "embstr" : "raw";
        }
        if (value instanceof ListValue) {
            return "quicklist";
        }
        if (value instanceof SetValue s) {
            return s.isIntset() ? "intset" : "hashtable";
        }
        if (value instanceof HashValue h) {
            return h.isCompact() ? "listpack" : "hashtable";
        }
        if (value instanceof ZSetValue z) {
            return z.isCompact() ? "listpack" : "skiplist";
        }
        if (value instanceof StreamValue) {
            return "stream";
        }
        return "unknown";
    }

    private boolean sharedInteger(RedisValue value) {
        if (!(value instanceof StringValue s) || s.isRaw() || s.length() > 20) {
            return false;
        }
        Long v = IntegerText.parse(s.bytes());
        // As Redis: no shared integers when maxmemory is set with an LRU or LFU policy.
        boolean noSharing = config.getLong("maxmemory") != 0 && config.get("maxmemory-policy").matches(".*-l[rf]u");
        return v != null && v >= 0 && v < OBJ_SHARED_INTEGERS && !noSharing;
    }
}
