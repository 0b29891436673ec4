package dev.trib.node.rdb;

import static dev.trib.node.rdb.RdbTypes.HASH;
import static dev.trib.node.rdb.RdbTypes.HASH_LISTPACK;
import static dev.trib.node.rdb.RdbTypes.HASH_ZIPLIST;
import static dev.trib.node.rdb.RdbTypes.LIST;
import static dev.trib.node.rdb.RdbTypes.LIST_QUICKLIST;
import static dev.trib.node.rdb.RdbTypes.LIST_QUICKLIST_2;
import static dev.trib.node.rdb.RdbTypes.LIST_ZIPLIST;
import static dev.trib.node.rdb.RdbTypes.NODE_PACKED;
import static dev.trib.node.rdb.RdbTypes.NODE_PLAIN;
import static dev.trib.node.rdb.RdbTypes.SET;
import static dev.trib.node.rdb.RdbTypes.SET_INTSET;
import static dev.trib.node.rdb.RdbTypes.STRING;
import static dev.trib.node.rdb.RdbTypes.ZSET;
import static dev.trib.node.rdb.RdbTypes.ZSET_2;
import static dev.trib.node.rdb.RdbTypes.ZSET_LISTPACK;
import static dev.trib.node.rdb.RdbTypes.ZSET_ZIPLIST;

import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.text.CFloat;

import java.util.List;

/**
 * Reads one value in RDB object format, in every encoding redis-server 7.0 writes (and the ziplist ones of older
 * servers). Element counts from the input only bound loops that consume input, never an allocation.
 */
public final class RdbValueReader {
    private RdbValueReader() {
    }

    /** @throws RdbFormatException when the bytes are not a valid object of this type */
    public static RedisValue read(int type, RdbInput in) {
        return switch (type) {
            case STRING -> new StringValue(in.string());
            case LIST -> {
                ListValue l = new ListValue();
                for (long n = in.length(); n > 0; n--) {
                    l.addLast(in.string());
                }
                yield nonEmpty(l.size(), l);
            }
            case LIST_QUICKLIST_2, LIST_QUICKLIST -> quicklist(in, type == LIST_QUICKLIST_2);
            case LIST_ZIPLIST -> {
                ListValue l = new ListValue();
                Ziplist.entries(in.string()).forEach(l::addLast);
                yield nonEmpty(l.size(), l);
            }
            case SET -> {
                SetValue s = null;
                for (long n = in.length(); n > 0; n--) {
                    byte[] member = in.string();
                    s = s == null ? SetValue.forFirstMember(member) : s;
                    if (!s.add(member)) {
                        throw new RdbFormatException("duplicate set member"); // as redis-server refuses it
                    }
                }
                yield nonEmpty(s == null ? 0 : s.size(), s);
            }
            case SET_INTSET -> {
                List<byte[]> members = Intset.members(in.string());
                if (members.isEmpty()) {
                    throw new RdbFormatException("empty collection");
                }
                SetValue s = SetValue.forFirstMember(members.get(0));
                members.forEach(s::add);
                yield s;
            }
            case HASH -> {
                HashValue h = new HashValue();
                for (long n = in.length(); n > 0; n--) {
                    h.put(Key.of(in.string()), in.string());
                }
                yield nonEmpty(h.size(), h);
            }
            case HASH_LISTPACK, HASH_ZIPLIST -> {
                List<byte[]> e = pairs(in.string(), type == HASH_LISTPACK);
                HashValue h = new HashValue();
                for (int i = 0; i < e.size(); i += 2) {
                    h.put(Key.of(e.get(i)), e.get(i + 1));
                }
                yield nonEmpty(h.size(), h);
            }
            case ZSET, ZSET_2 -> {
                ZSetValue z = null;
                for (long n = in.length(); n > 0; n--) {
                    byte[] member = in.string();
                    z = addScored(z, member, type == ZSET_2 ? in.binaryDouble() : in.stringDouble());
                }
                yield nonEmpty(z == null ? 0 : z.size(), z);
            }
            case ZSET_LISTPACK, ZSET_ZIPLIST -> {
                List<byte[]> e = pairs(in.string(), type == ZSET_LISTPACK);
                ZSetValue z = null;
                for (int i = 0; i < e.size(); i += 2) {
                    z = addScored(z, e.get(i), parseScore(e.get(i + 1)));
                }
                yield nonEmpty(z == null ? 0 : z.size(), z);
            }
            default -> throw new RdbFormatException("unsupported RDB object type " + type);
        };
    }

    /** Quicklist nodes: version 2 says per node whether it holds one plain element or a listpack. */
    private static RedisValue quicklist(RdbInput in, boolean version2) {
        ListValue l = new ListValue();
        for (long nodes = in.length(); nodes > 0; nodes--) {
            long container = version2 ? in.length() : NODE_PACKED;
            byte[] blob = in.string();
            if (container == NODE_PLAIN) {
                l.addLast(blob);
            } else if (container == NODE_PACKED) {
                (version2 ? Listpack.entries(blob) : Ziplist.entries(blob)).forEach(l::addLast);
            } else {
                throw new RdbFormatException("bad quicklist container " + container);
            }
        }
        return nonEmpty(l.size(), l);
    }

    /** Entries of a listpack or ziplist holding field/value or member/score pairs. */
    private static List<byte[]> pairs(byte[] blob, boolean listpack) {
        List<byte[]> e = listpack ? Listpack.entries(blob) : Ziplist.entries(blob);
        if (e.size() % 2 != 0) {
            throw new RdbFormatException("odd number of entries in a pair container");
        }
        return e;
    }

    private static ZSetValue addScored(ZSetValue z, byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw new RdbFormatException("NaN score");
        }
        z = z == null ? ZSetValue.forFirstMember(member.length) : z;
        Key k = Key.of(member);
        if (z.score(k) != null) {
            throw new RdbFormatException("duplicate sorted set member");
        }
        z.add(k, score);
        return z;
    }

    /** Redis refuses empty collections in a payload: they cannot exist in a keyspace. */
    private static RedisValue nonEmpty(int size, RedisValue v) {
        if (size == 0) {
            throw new RdbFormatException("empty collection");
        }
        return v;
    }

    /** A score stored as text (old zset type, listpack and ziplist entries), read as redis-server's strtod. */
    static double parseScore(byte[] text) {
        Double d = CFloat.parseStrictDouble(text);
        if (d == null) {
            throw new RdbFormatException("not a score");
        }
        return d;
    }
}
