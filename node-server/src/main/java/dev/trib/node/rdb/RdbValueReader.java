package dev.trib.node.rdb;

import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.text.CFloat;
import dev.trib.planner.rdb.RdbFormatException;
import dev.trib.planner.rdb.RdbInput;
import dev.trib.planner.rdb.RdbObjects;
import dev.trib.planner.rdb.RdbValue;

import java.util.List;

/**
 * Turns a decoded RDB value (planner's {@link RdbObjects} does the format) into a keyspace value, refusing what
 * redis-server 7.0 refuses when it loads one: duplicate members, NaN scores, and what the node cannot hold (hash
 * fields with their own expiry).
 */
public final class RdbValueReader {
    private RdbValueReader() {
    }

    /** @throws RdbFormatException when the bytes are not a valid object of this type */
    public static RedisValue read(int type, RdbInput in, int rdbVersion) {
        return toValue(RdbObjects.read(type, in, rdbVersion));
    }

    public static RedisValue toValue(RdbValue value) {
        if (value instanceof RdbValue.StringObject s) {
            return new StringValue(s.bytes());
        } else if (value instanceof RdbValue.ListObject l) {
            ListValue out = new ListValue();
            l.elements().forEach(out::addLast);
            return out;
        } else if (value instanceof RdbValue.SetObject s) {
            SetValue out = SetValue.forFirstMember(s.members().get(0));
            for (byte[] member : s.members()) {
                if (!out.add(member)) {
                    throw new RdbFormatException("duplicate set member"); // as redis-server refuses it
                }
            }
            return out;
        } else if (value instanceof RdbValue.HashObject h) {
            if (h.hasFieldExpiries()) {
                throw new RdbFormatException("a hash with field expiries (Redis 7.4 HEXPIRE) cannot be loaded");
            }
            HashValue out = new HashValue();
            List<byte[]> f = h.fields();
            for (int i = 0; i < f.size(); i += 2) {
                out.put(Key.of(f.get(i)), f.get(i + 1));
            }
            return out;
        }
        if (value instanceof RdbValue.StreamObject st) {
            return StreamRdb.toValue(st);
        }
        RdbValue.SortedSetObject z = (RdbValue.SortedSetObject) value;
        // Loaded as a skiplist (keeping -0), then a listpack if small enough, as redis-server loads it.
        int longest = 0;
        for (byte[] member : z.members()) {
            longest = Math.max(longest, member.length);
        }
        ZSetValue out = ZSetValue.forSize(z.members().size(), longest);
        for (int i = 0; i < z.members().size(); i++) {
            addScored(out, z.members().get(i), score(z.scores().get(i)));
        }
        return out;
    }

    private static void addScored(ZSetValue z, byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw new RdbFormatException("NaN score");
        }
        Key k = Key.of(member);
        if (z.score(k) != null) {
            throw new RdbFormatException("duplicate sorted set member");
        }
        z.add(k, score);
    }

    /** A score stored as text (old zset type, listpack and ziplist entries), read as redis-server's strtod. */
    private static double score(RdbValue.Score s) {
        if (s.text() == null) {
            return s.binary();
        }
        Double d = CFloat.parseStrictDouble(s.text());
        if (d == null) {
            throw new RdbFormatException("not a score");
        }
        return d;
    }
}
