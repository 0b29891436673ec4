package dev.trib.planner.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one value in RDB object format, every encoding Redis writes up to 7.4 (RDB 12) except Redis 7.2's third
 * stream type and modules, which fail with a one-line message naming the type and the RDB version. Element counts from the input
 * only bound loops that consume input, never an allocation.
 */
public final class RdbObjects {
    private RdbObjects() {
    }

    /**
     * @param rdbVersion the version of the file or payload the value comes from (for messages)
     * @throws RdbFormatException when the bytes are not a valid object of this type, or the type is not decoded
     */
    public static RdbValue read(int type, RdbInput in, int rdbVersion) {
        return switch (type) {
            case RdbTypes.STRING -> new RdbValue.StringObject(in.string());
            case RdbTypes.LIST -> new RdbValue.ListObject(nonEmpty(strings(in)));
            case RdbTypes.LIST_QUICKLIST_2, RdbTypes.LIST_QUICKLIST ->
                    new RdbValue.ListObject(nonEmpty(quicklist(in, type == RdbTypes.LIST_QUICKLIST_2)));
            case RdbTypes.LIST_ZIPLIST -> new RdbValue.ListObject(nonEmpty(Ziplist.entries(in.string())));
            case RdbTypes.SET -> new RdbValue.SetObject(nonEmpty(strings(in)));
            case RdbTypes.SET_INTSET -> new RdbValue.SetObject(nonEmpty(Intset.members(in.string())));
            case RdbTypes.SET_LISTPACK -> new RdbValue.SetObject(nonEmpty(Listpack.entries(in.string())));
            case RdbTypes.HASH -> {
                List<byte[]> fields = new ArrayList<>();
                for (long n = in.length(); n > 0; n--) {
                    fields.add(in.string());
                    fields.add(in.string());
                }
                yield new RdbValue.HashObject(nonEmpty(fields), null);
            }
            case RdbTypes.HASH_LISTPACK, RdbTypes.HASH_ZIPLIST ->
                    new RdbValue.HashObject(nonEmpty(pairs(in.string(), type == RdbTypes.HASH_LISTPACK)), null);
            case RdbTypes.HASH_METADATA, RdbTypes.HASH_METADATA_PRE_GA ->
                    hashWithExpiries(in, type == RdbTypes.HASH_METADATA);
            case RdbTypes.HASH_LISTPACK_EX, RdbTypes.HASH_LISTPACK_EX_PRE_GA -> {
                if (type == RdbTypes.HASH_LISTPACK_EX) {
                    in.little(8); // the smallest field expiry, a hint the triplets repeat
                }
                yield listpackWithExpiries(in.string());
            }
            case RdbTypes.ZSET, RdbTypes.ZSET_2 -> {
                List<byte[]> members = new ArrayList<>();
                List<RdbValue.Score> scores = new ArrayList<>();
                for (long n = in.length(); n > 0; n--) {
                    members.add(in.string());
                    scores.add(type == RdbTypes.ZSET_2 ? RdbValue.Score.of(in.binaryDouble()) : in.stringScore());
                }
                yield new RdbValue.SortedSetObject(nonEmpty(members), scores);
            }
            case RdbTypes.ZSET_LISTPACK, RdbTypes.ZSET_ZIPLIST -> {
                List<byte[]> e = pairs(in.string(), type == RdbTypes.ZSET_LISTPACK);
                List<byte[]> members = new ArrayList<>(e.size() / 2);
                List<RdbValue.Score> scores = new ArrayList<>(e.size() / 2);
                for (int i = 0; i < e.size(); i += 2) {
                    members.add(e.get(i));
                    scores.add(RdbValue.Score.ofText(e.get(i + 1)));
                }
                yield new RdbValue.SortedSetObject(nonEmpty(members), scores);
            }
            case RdbTypes.STREAM_LISTPACKS, RdbTypes.STREAM_LISTPACKS_2 ->
                    RdbStreams.read(in, type == RdbTypes.STREAM_LISTPACKS_2);
            default -> throw new RdbFormatException("RDB object type " + type + " (" + RdbTypes.describe(type)
                    + ") in an RDB version " + rdbVersion + " file is not supported");
        };
    }

    /** A length, then that many strings. */
    private static List<byte[]> strings(RdbInput in) {
        List<byte[]> out = new ArrayList<>();
        for (long n = in.length(); n > 0; n--) {
            out.add(in.string());
        }
        return out;
    }

    /** Quicklist nodes: version 2 says per node whether it holds one plain element or a listpack. */
    private static List<byte[]> quicklist(RdbInput in, boolean version2) {
        List<byte[]> out = new ArrayList<>();
        for (long nodes = in.length(); nodes > 0; nodes--) {
            long container = version2 ? in.length() : RdbTypes.NODE_PACKED;
            byte[] blob = in.string();
            if (container == RdbTypes.NODE_PLAIN) {
                out.add(blob);
            } else if (container == RdbTypes.NODE_PACKED) {
                out.addAll(version2 ? Listpack.entries(blob) : Ziplist.entries(blob));
            } else {
                throw new RdbFormatException("bad quicklist container " + container);
            }
        }
        return out;
    }

    /**
     * HASH_METADATA: [minimum expiry, 8 bytes LE, GA only] count, then per field its expiry as a length (0 none;
     * GA: minimum + value - 1, release candidates: absolute), the field and the value.
     */
    private static RdbValue hashWithExpiries(RdbInput in, boolean relative) {
        long min = relative ? in.little(8) : 0;
        List<byte[]> fields = new ArrayList<>();
        List<Long> expiries = new ArrayList<>();
        for (long n = in.length(); n > 0; n--) {
            long ttl = in.length();
            expiries.add(ttl == 0 ? RdbFile.NO_EXPIRE : relative ? min + ttl - 1 : ttl);
            fields.add(in.string());
            fields.add(in.string());
        }
        return new RdbValue.HashObject(nonEmpty(fields), expiries.stream().mapToLong(Long::longValue).toArray());
    }

    /** A listpack of field, value, expiry triplets; expiry 0 means none. */
    private static RdbValue listpackWithExpiries(byte[] blob) {
        List<byte[]> e = Listpack.entries(blob);
        if (e.size() % 3 != 0) {
            throw new RdbFormatException("hash listpack with expiries holds " + e.size() + " entries, not triplets");
        }
        List<byte[]> fields = new ArrayList<>(e.size() / 3 * 2);
        long[] expiries = new long[e.size() / 3];
        for (int i = 0; i < e.size(); i += 3) {
            fields.add(e.get(i));
            fields.add(e.get(i + 1));
            long at = expiryOf(e.get(i + 2));
            expiries[i / 3] = at == 0 ? RdbFile.NO_EXPIRE : at;
        }
        return new RdbValue.HashObject(nonEmpty(fields), expiries);
    }

    private static long expiryOf(byte[] text) {
        try {
            return Long.parseLong(new String(text, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new RdbFormatException("hash field expiry is not an integer");
        }
    }

    /** Entries of a listpack or ziplist holding field/value or member/score pairs. */
    private static List<byte[]> pairs(byte[] blob, boolean listpack) {
        List<byte[]> e = listpack ? Listpack.entries(blob) : Ziplist.entries(blob);
        if (e.size() % 2 != 0) {
            throw new RdbFormatException("odd number of entries in a pair container");
        }
        return e;
    }

    /** Redis refuses empty collections in a payload: they cannot exist in a keyspace. */
    private static List<byte[]> nonEmpty(List<byte[]> elements) {
        if (elements.isEmpty()) {
            throw new RdbFormatException("empty collection");
        }
        return elements;
    }
}
