package dev.trib.node.keyspace;

import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One node of a stream, as Redis keeps it: the entries under one radix tree key (the ID of the first entry put in
 * it, the master ID), encoded in one listpack whose master entry holds the first entry's field names. Entries with
 * the same fields as the master's are stored without their names; deleted entries stay, flagged, until the whole
 * node goes. The listpack's size in bytes is tracked exactly, because Redis starts a new node when it would pass
 * stream-node-max-bytes, and trimming with ~ removes whole nodes only: replies depend on where nodes end.
 */
public final class StreamNode {
    static final int FLAG_DELETED = 1;
    static final int FLAG_SAMEFIELDS = 2;
    /** Listpack header (total bytes, element count) and end byte. */
    private static final int LISTPACK_OVERHEAD = 7;

    /** One entry: its ID, fields and values interleaved, and whether it is deleted. */
    public static final class Entry {
        private final StreamId id;
        private final byte[][] fieldsAndValues;
        private boolean deleted;

        Entry(StreamId id, byte[][] fieldsAndValues, boolean deleted) {
            this.id = id;
            this.fieldsAndValues = fieldsAndValues;
            this.deleted = deleted;
        }

        public StreamId id() {
            return id;
        }

        /** field1, value1, field2, value2 ...; callers must not modify them. */
        public byte[][] fieldsAndValues() {
            return fieldsAndValues;
        }

        public boolean deleted() {
            return deleted;
        }
    }

    private final StreamId master;
    private final byte[][] masterFields;
    private final List<Entry> entries = new ArrayList<>();
    private int live;
    private int deletedCount;
    /** Every element's bytes but the live and deleted counters'. */
    private long fixedBytes;

    StreamNode(StreamId master, byte[][] masterFields) {
        this.master = master;
        this.masterFields = masterFields;
        fixedBytes = LISTPACK_OVERHEAD + integerSize(masterFields.length) + integerSize(0);
        for (byte[] f : masterFields) {
            fixedBytes += stringSize(f);
        }
    }

    public StreamId master() {
        return master;
    }

    public byte[][] masterFields() {
        return masterFields;
    }

    /** Every entry, deleted ones included, in ID order. */
    public List<Entry> entries() {
        return entries;
    }

    public int live() {
        return live;
    }

    public int deletedCount() {
        return deletedCount;
    }

    /** The listpack's size as lpBytes reports it. */
    public long bytes() {
        return fixedBytes + integerSize(live) + integerSize(deletedCount);
    }

    boolean sameFields(byte[][] fieldsAndValues) {
        if (fieldsAndValues.length / 2 != masterFields.length) {
            return false;
        }
        for (int i = 0; i < masterFields.length; i++) {
            if (!Arrays.equals(masterFields[i], fieldsAndValues[2 * i])) {
                return false;
            }
        }
        return true;
    }

    /** Appends an entry (a deleted one only when loading a node as stored). */
    void append(StreamId id, byte[][] fieldsAndValues, boolean deleted) {
        boolean same = sameFields(fieldsAndValues);
        int flags = (deleted ? FLAG_DELETED : 0) | (same ? FLAG_SAMEFIELDS : 0);
        int numFields = fieldsAndValues.length / 2;
        long size = integerSize(flags) + integerSize(id.ms() - master.ms()) + integerSize(id.seq() - master.seq());
        for (int i = 0; i < numFields; i++) {
            if (!same) {
                size += stringSize(fieldsAndValues[2 * i]);
            }
            size += stringSize(fieldsAndValues[2 * i + 1]);
        }
        size += same ? integerSize(numFields + 3) : integerSize(numFields) + integerSize(2L * numFields + 4);
        fixedBytes += size;
        entries.add(new Entry(id, fieldsAndValues, deleted));
        if (deleted) {
            deletedCount++;
        } else {
            live++;
        }
    }

    /** Flags an entry deleted (its flags element keeps its one byte). */
    void markDeleted(Entry e) {
        e.deleted = true;
        live--;
        deletedCount++;
    }

    /** The entry with this ID, deleted or not, or null. */
    Entry find(StreamId id) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = entries.get(mid).id.compareTo(id);
            if (c == 0) {
                return entries.get(mid);
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /** Index of the first entry with an ID at or above this one (entries.size() when none). */
    int ceilingIndex(StreamId id) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).id.compareTo(id) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The last entry, deleted or not (the node's edge as Redis reads it). */
    Entry lastEntry() {
        return entries.get(entries.size() - 1);
    }

    /** Bytes of one listpack element holding this integer, its back-length included. */
    static int integerSize(long v) {
        int enc;
        if (v >= 0 && v <= 127) {
            enc = 1;
        } else if (v >= -4096 && v <= 4095) {
            enc = 2;
        } else if (v >= -32768 && v <= 32767) {
            enc = 3;
        } else if (v >= -8388608 && v <= 8388607) {
            enc = 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            enc = 5;
        } else {
            enc = 9;
        }
        return enc + backlenSize(enc);
    }

    /** Bytes of one listpack element holding this string; text that is a 64-bit integer is stored as one. */
    static long stringSize(byte[] s) {
        Long v = s.length <= IntegerText.MAX_LENGTH ? IntegerText.parse(s) : null;
        if (v != null) {
            return integerSize(v);
        }
        long enc = s.length < 64 ? 1 + s.length : s.length < 4096 ? 2 + s.length : 5L + s.length;
        return enc + backlenSize(enc);
    }

    static int backlenSize(long len) {
        return len <= 127 ? 1 : len < 16383 ? 2 : len < 2097151 ? 3 : len < 268435455 ? 4 : 5;
    }
}
