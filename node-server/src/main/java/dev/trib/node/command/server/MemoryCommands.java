package dev.trib.node.command.server;

import static dev.trib.node.command.CommandFlag.READONLY;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.text.IntegerText;

import java.util.List;

/**
 * MEMORY USAGE key [SAMPLES count] and MEMORY PURGE. USAGE estimates this node's own footprint of the key (object
 * headers, arrays, index entries) from up to {@code count} sampled elements, as Redis samples nested values
 * (default 5, 0 for all); the numbers are this JVM's, not redis-server's. PURGE runs a full garbage collection, the
 * nearest thing to Redis asking its allocator to give memory back.
 */
public final class MemoryCommands {
    /** Key entry, key object and array, map and slot-index entries. */
    private static final long PER_KEY = 160;
    private static final long PER_ARRAY = 16;
    private static final long PER_ELEMENT = 40;

    private MemoryCommands() {
    }

    public static void register(CommandTable table, Keyspace keyspace) {
        table.addKeyless("memory", -2, null)
                .addSubcommand("memory", "usage", -3, 2, 2, 1, request -> {
                    long samples = 5;
                    for (int i = 3; i < request.argc(); i++) {
                        if (request.argIs(i, "samples") && i + 1 < request.argc()) {
                            Long v = IntegerText.parse(request.arg(++i));
                            if (v == null || v < 0) {
                                return Errors.NOT_INTEGER;
                            }
                            samples = v == 0 ? Long.MAX_VALUE : v;
                        } else {
                            return Errors.SYNTAX;
                        }
                    }
                    RedisValue value = keyspace.get(request.key(2));
                    return value == null ? Replies.NULL_BULK
                            : Replies.integer(PER_KEY + request.arg(2).length + usage(value, samples));
                }, READONLY)
                .addSubcommand("memory", "purge", 2, request -> {
                    System.gc();
                    return Replies.OK;
                });
    }

    static long usage(RedisValue value, long samples) {
        if (value instanceof StringValue s) {
            return PER_ARRAY + s.length();
        }
        if (value instanceof dev.trib.node.keyspace.StreamValue st) {
            long bytes = PER_ARRAY; // a stream's nodes are listpacks: their sizes are known exactly
            for (dev.trib.node.keyspace.StreamNode n : st.nodes()) {
                bytes += PER_ARRAY + n.bytes();
            }
            return bytes;
        }
        long[] sampled = new long[2]; // bytes, elements
        int size;
        if (value instanceof ListValue l) {
            size = l.size();
            for (int i = 0; i < size && sampled[1] < samples; i++) {
                add(sampled, l.get(i).length);
            }
        } else if (value instanceof HashValue h) {
            size = h.size();
            h.forEach((f, v) -> {
                if (sampled[1] < samples) {
                    add(sampled, f.length() + v.length + PER_ARRAY);
                }
            });
        } else if (value instanceof SetValue s) {
            size = s.size();
            List<byte[]> members = s.members();
            for (int i = 0; i < members.size() && sampled[1] < samples; i++) {
                add(sampled, members.get(i).length);
            }
        } else {
            ZSetValue z = (ZSetValue) value;
            size = z.size();
            for (ScoreTree.Node n = z.first(); n != null && sampled[1] < samples; n = n.next()) {
                add(sampled, n.memberBytes().length + PER_ELEMENT);
            }
        }
        return sampled[1] == 0 ? PER_ARRAY : PER_ARRAY + sampled[0] * size / sampled[1];
    }

    private static void add(long[] acc, long elementBytes) {
        acc[0] += PER_ARRAY + PER_ELEMENT + elementBytes;
        acc[1]++;
    }
}
