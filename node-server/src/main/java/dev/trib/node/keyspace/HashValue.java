package dev.trib.node.keyspace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A hash. Small hashes mirror Redis's listpack encoding: insertion-ordered, and HSCAN returns them
 * whole with cursor 0. Past {@value #MAX_COMPACT_ENTRIES} fields or a field/value longer than
 * {@value #MAX_COMPACT_VALUE} bytes the hash converts, for good, to a {@link ScanTable} with a
 * real SCAN cursor — the same thresholds as Redis's hash-max-listpack-* defaults.
 */
public final class HashValue implements RedisValue {
    public static final int MAX_COMPACT_ENTRIES = 512; // redis-server 7.0's hash-max-listpack-entries
    public static final int MAX_COMPACT_VALUE = 64;

    private LinkedHashMap<Key, byte[]> compact = new LinkedHashMap<>();
    private ScanTable<byte[]> table;

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    public boolean isCompact() {
        return compact != null;
    }

    public int size() {
        return compact != null ? compact.size() : table.size();
    }

    public byte[] get(Key field) {
        return compact != null ? compact.get(field) : table.get(field);
    }

    public boolean contains(Key field) {
        return get(field) != null;
    }

    /**
     * Converts ahead of a write when any of the given lengths is too long for the compact form,
     * as HSET checks all of its arguments before inserting any.
     */
    public void prepareFor(int maxArgumentLength) {
        if (compact != null && maxArgumentLength > MAX_COMPACT_VALUE) {
            convert();
        }
    }

    /** @return true when the field is new */
    public boolean put(Key field, byte[] value) {
        if (compact != null && (field.length() > MAX_COMPACT_VALUE || value.length > MAX_COMPACT_VALUE)) {
            convert();
        }
        if (compact != null) {
            boolean added = compact.put(field, value) == null;
            if (compact.size() > MAX_COMPACT_ENTRIES) {
                convert();
            }
            return added;
        }
        return table.put(field, value) == null;
    }

    /** @return true when the field existed */
    public boolean remove(Key field) {
        return compact != null ? compact.remove(field) != null : table.remove(field) != null;
    }

    /** Visits fields in reply order: insertion order while compact, bucket order afterwards. */
    public void forEach(BiConsumer<Key, byte[]> action) {
        if (compact != null) {
            compact.forEach(action);
        } else {
            table.forEach(action);
        }
    }

    /** One SCAN step over the table form; only valid when not compact. */
    public long scan(long cursor, BiConsumer<Key, byte[]> action) {
        return table.scan(cursor, action);
    }

    private void convert() {
        ScanTable<byte[]> fresh = new ScanTable<>();
        for (Map.Entry<Key, byte[]> e : compact.entrySet()) {
            fresh.put(e.getKey(), e.getValue());
        }
        table = fresh;
        compact = null;
    }
}
