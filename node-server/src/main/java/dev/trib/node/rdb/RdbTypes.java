package dev.trib.node.rdb;

/** RDB object type bytes (the first byte of a DUMP payload) that Redis 7.0 reads. */
final class RdbTypes {
    static final int STRING = 0;
    static final int LIST = 1;
    static final int SET = 2;
    /** Sorted set with scores as text; written by Redis before 4.0. */
    static final int ZSET = 3;
    static final int HASH = 4;
    /** Sorted set with 8-byte binary scores. */
    static final int ZSET_2 = 5;
    static final int LIST_ZIPLIST = 10;
    static final int SET_INTSET = 11;
    static final int ZSET_ZIPLIST = 12;
    static final int HASH_ZIPLIST = 13;
    /** Quicklist of ziplists (Redis 3.2 to 6.2). */
    static final int LIST_QUICKLIST = 14;
    static final int HASH_LISTPACK = 16;
    static final int ZSET_LISTPACK = 17;
    /** Quicklist of listpacks with a container kind per node (Redis 7.0). */
    static final int LIST_QUICKLIST_2 = 18;

    /** Quicklist 2 node containers: one element stored as is, or a listpack. */
    static final int NODE_PLAIN = 1;
    static final int NODE_PACKED = 2;

    private RdbTypes() {
    }
}
