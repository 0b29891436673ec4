package dev.trib.node.keyspace;

import dev.trib.planner.topology.KeySlot;

/**
 * A key's record in the keyspace: its value, absolute expiry in ms (-1 for none), and its links
 * in the per-slot list that {@link SlotIndex} keeps.
 */
public final class KeyEntry {
    public static final long NO_EXPIRE = -1;

    final Key key;
    RedisValue value;
    /** The next entry in the same {@link EntryTable} bucket. */
    KeyEntry next;
    long expireAt = NO_EXPIRE;
    KeyEntry slotPrev;
    KeyEntry slotNext;

    KeyEntry(Key key, RedisValue value) {
        this.key = key;
        this.value = value;
    }

    public Key key() {
        return key;
    }

    public RedisValue value() {
        return value;
    }

    public long expireAt() {
        return expireAt;
    }

    /** Computed, not stored: eight bytes per key matter more than a CRC16 on insert and delete. */
    public int slot() {
        return KeySlot.of(key.bytes());
    }
}
