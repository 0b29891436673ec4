package dev.trib.node.keyspace;

import dev.trib.node.text.IntegerText;
import dev.trib.planner.topology.KeySlot;

/**
 * A key's record in the keyspace: the key's bytes and hash, its value, absolute expiry in ms (-1 for none), its
 * access clock, and its links in the {@link EntryTable} bucket and in the per-slot list that {@link SlotIndex} keeps.
 *
 * <p>One object per key where there were three: the key's bytes sit here rather than in a {@link Key}, and a plain
 * string's bytes are the value itself rather than a {@link StringValue} around them (48 bytes a key less, measured
 * with a million keys). The hash stays, so a bucket's other entries are passed over without reading their bytes.
 */
public final class KeyEntry {
    public static final long NO_EXPIRE = -1;

    final byte[] key;
    final int hash;
    /**
     * A {@link RedisValue}, the byte[] of a plain string (one that was set whole, never edited in place), or a
     * {@link Counter}: a string INCR and its kin made, which they change in place.
     */
    private Object value;
    /** The next entry in the same {@link EntryTable} bucket. */
    KeyEntry next;
    long expireAt = NO_EXPIRE;
    KeyEntry slotPrev;
    KeyEntry slotNext;
    /** Redis's 24-bit LRU field: the access clock in seconds, or under an LFU policy minutes << 8 | counter. */
    int access;

    KeyEntry(Key key, RedisValue value) {
        this.key = key.bytes();
        this.hash = key.hashCode();
        store(value);
    }

    /** A key whose value is an integer string kept as a {@link Counter}. */
    KeyEntry(Key key, long integer) {
        this.key = key.bytes();
        this.hash = key.hashCode();
        this.value = new Counter(integer);
    }

    /** A new {@link Key} for this entry's key (the bytes are shared, the hash is not recomputed). */
    public Key key() {
        return Key.of(key, hash);
    }

    /** The value; a plain string comes wrapped in a {@link StringValue} whose edits are stored back here. */
    public RedisValue value() {
        if (value instanceof byte[] bytes) {
            return StringValue.viewOf(this, bytes, bytes);
        }
        if (value instanceof Counter c) {
            return StringValue.viewOf(this, IntegerText.formatShared(c.value), c);
        }
        return (RedisValue) value;
    }

    /** The value's type, without wrapping a plain string. */
    public ValueType type() {
        return value instanceof RedisValue v ? v.type() : ValueType.STRING;
    }

    /** Whether the value is a counter (an integer string INCR made); its number is {@link #counter()}. */
    public boolean isCounter() {
        return value instanceof Counter;
    }

    public long counter() {
        return ((Counter) value).value;
    }

    /** Stores an integer string: in place when the entry already holds a counter. */
    void storeInteger(long integer) {
        if (value instanceof Counter c) {
            c.value = integer;
        } else {
            value = new Counter(integer);
        }
    }

    /** The access field ({@link AccessClock}). */
    public int access() {
        return access;
    }

    public long expireAt() {
        return expireAt;
    }

    /** Computed, not stored: four bytes per key matter more than a CRC16 on insert and delete. */
    public int slot() {
        return KeySlot.of(key);
    }

    boolean keyEquals(Key k) {
        return k.hashCode() == hash && java.util.Arrays.equals(k.bytes(), key);
    }

    /** Keeps a plain string as its bytes; the StringValue stays live: an edit made through it comes back here. */
    void store(RedisValue v) {
        if (v instanceof StringValue s && s.inlinable()) {
            byte[] bytes = s.bytes();
            s.viewing(this, bytes);
            value = bytes;
        } else {
            value = v;
        }
    }

    /** An edited view replaces what it was made from, unless the key has another value by now. */
    void edited(StringValue view, Object origin) {
        if (value == origin) {
            value = view;
        }
    }
}
