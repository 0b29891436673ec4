package dev.trib.planner.rdb;

import java.util.List;

/**
 * One value as an RDB file or DUMP payload stores it, decoded from its encoding (listpack, intset, ziplist,
 * quicklist, LZF) but not yet checked the way a keyspace checks it (duplicate members are the loader's to refuse).
 * Strings are raw bytes; integer-encoded entries come back as the decimal text Redis replies with.
 */
public sealed interface RdbValue {
    /** The Redis type name TYPE answers for the value. */
    String typeName();

    record StringObject(byte[] bytes) implements RdbValue {
        @Override
        public String typeName() {
            return "string";
        }
    }

    record ListObject(List<byte[]> elements) implements RdbValue {
        @Override
        public String typeName() {
            return "list";
        }
    }

    record SetObject(List<byte[]> members) implements RdbValue {
        @Override
        public String typeName() {
            return "set";
        }
    }

    /**
     * @param fields        field, value, field, value, ...
     * @param fieldExpireAt per field, its expiry in ms since the epoch or {@link RdbFile#NO_EXPIRE}; null when the
     *                      encoding has no field expiries (every type before Redis 7.4's hash-with-TTL ones)
     */
    record HashObject(List<byte[]> fields, long[] fieldExpireAt) implements RdbValue {
        @Override
        public String typeName() {
            return "hash";
        }

        /** Whether some field carries its own expiry (HEXPIRE, Redis 7.4). */
        public boolean hasFieldExpiries() {
            if (fieldExpireAt != null) {
                for (long at : fieldExpireAt) {
                    if (at != RdbFile.NO_EXPIRE) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** @param scores one per member, in the same order */
    record SortedSetObject(List<byte[]> members, List<Score> scores) implements RdbValue {
        @Override
        public String typeName() {
            return "zset";
        }
    }

    /**
     * A score as stored: a binary double (ZSET_2, and the old type's nan/inf markers) or text (the old ZSET type,
     * listpack and ziplist entries), which the loader parses with the same rules as ZADD.
     *
     * @param text null for a binary score
     */
    record Score(double binary, byte[] text) {
        public static Score of(double value) {
            return new Score(value, null);
        }

        public static Score ofText(byte[] text) {
            return new Score(Double.NaN, text);
        }
    }

    /**
     * A stream as RDB types 15 and 19 store it: its nodes (radix tree key and listpack elements, integers as decimal
     * text), its counters (type 15 has no first ID, largest deleted ID or entries-added count: hasCounters false), and
     * its consumer groups with their pending entries and consumers.
     */
    record StreamObject(List<Node> nodes, long length, Id lastId, Id firstId, Id maxDeletedId, long entriesAdded,
                        boolean hasCounters, List<Group> groups) implements RdbValue {
        @Override
        public String typeName() {
            return "stream";
        }

        /** An entry ID, both parts unsigned. */
        public record Id(long ms, long seq) {
        }

        /** @param masterKey the 16-byte radix tree key (the master entry's ID, big-endian) */
        public record Node(byte[] masterKey, List<byte[]> elements) {
        }

        public record Pending(Id id, long deliveryTime, long deliveryCount) {
        }

        public record Consumer(byte[] name, long seenTime, List<Id> pending) {
        }

        /** @param entriesRead -1 when unknown; for type 15, where it is not stored, also -1 (the loader estimates) */
        public record Group(byte[] name, Id lastId, long entriesRead, List<Pending> pending, List<Consumer> consumers) {
        }
    }
}
