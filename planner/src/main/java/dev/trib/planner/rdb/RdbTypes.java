package dev.trib.planner.rdb;

/**
 * RDB object type bytes (the first byte of a DUMP payload, the byte before each key in a file), as rdb.h numbers
 * them up to Redis 7.4 (RDB version 12). The reader decodes every type here except Redis 7.2's third stream type and modules.
 */
public final class RdbTypes {
    public static final int STRING = 0;
    public static final int LIST = 1;
    public static final int SET = 2;
    /** Sorted set with scores as text; written by Redis before 4.0. */
    public static final int ZSET = 3;
    public static final int HASH = 4;
    /** Sorted set with 8-byte binary scores. */
    public static final int ZSET_2 = 5;
    public static final int MODULE_PRE_GA = 6;
    public static final int MODULE_2 = 7;
    public static final int HASH_ZIPMAP = 9;
    public static final int LIST_ZIPLIST = 10;
    public static final int SET_INTSET = 11;
    public static final int ZSET_ZIPLIST = 12;
    public static final int HASH_ZIPLIST = 13;
    /** Quicklist of ziplists (Redis 3.2 to 6.2). */
    public static final int LIST_QUICKLIST = 14;
    public static final int STREAM_LISTPACKS = 15;
    public static final int HASH_LISTPACK = 16;
    public static final int ZSET_LISTPACK = 17;
    /** Quicklist of listpacks with a container kind per node (Redis 7.0). */
    public static final int LIST_QUICKLIST_2 = 18;
    public static final int STREAM_LISTPACKS_2 = 19;
    /** Set of strings in one listpack (Redis 7.2, RDB 11). */
    public static final int SET_LISTPACK = 20;
    public static final int STREAM_LISTPACKS_3 = 21;
    /** Hash with field expiries, each absolute (Redis 7.4 release candidates). */
    public static final int HASH_METADATA_PRE_GA = 22;
    /** Listpack of field, value, expiry triplets (Redis 7.4 release candidates). */
    public static final int HASH_LISTPACK_EX_PRE_GA = 23;
    /** Hash with field expiries relative to a minimum stored first (Redis 7.4, RDB 12). */
    public static final int HASH_METADATA = 24;
    /** The minimum field expiry, then a listpack of field, value, expiry triplets (Redis 7.4, RDB 12). */
    public static final int HASH_LISTPACK_EX = 25;

    /** Quicklist 2 node containers: one element stored as is, or a listpack. */
    public static final int NODE_PLAIN = 1;
    public static final int NODE_PACKED = 2;

    private RdbTypes() {
    }

    /** What a type byte holds, for messages about types the reader does not decode. */
    public static String describe(int type) {
        return switch (type) {
            case MODULE_PRE_GA, MODULE_2 -> "module value";
            case HASH_ZIPMAP -> "zipmap hash";
            case STREAM_LISTPACKS, STREAM_LISTPACKS_2, STREAM_LISTPACKS_3 -> "stream";
            default -> type <= HASH_LISTPACK_EX ? "object" : "unknown type";
        };
    }
}
