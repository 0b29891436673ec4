package dev.trib.node.keyspace;

import java.util.Arrays;

/**
 * A string value. APPEND and SETRANGE grow a buffer with headroom (amortised O(1) appends, like
 * sds); {@link #bytes()} hands out an exactly sized array and marks it shared, after which the
 * next mutation copies first, so a reply never sees a later write.
 *
 * <p>The keyspace keeps a plain string as its bare bytes ({@link KeyEntry#store}) and hands out a view: a
 * StringValue over those bytes that remembers its entry. The first edit made through a view (or through a
 * StringValue after the keyspace took its bytes) copies the bytes and puts the edited StringValue in the entry.
 * A {@link Counter} is handed out the same way, as a view of its text.
 */
public final class StringValue implements RedisValue {
    private byte[] buf;
    private int length;
    private boolean shared;
    /** Edited in place (APPEND, SETRANGE, SETBIT …): redis-server then keeps it unencoded, OBJECT ENCODING "raw". */
    private boolean raw;
    /** The entry holding this string bare (its bytes or a {@link Counter}), and that object; null once edited or for a free value. */
    private KeyEntry owner;
    private Object origin;

    public StringValue(byte[] bytes) {
        this.buf = bytes;
        this.length = bytes.length;
        this.shared = true;
    }

    /** A string redis-server would hold unencoded whatever its length (BITFIELD, HyperLogLog results). */
    public static StringValue raw(byte[] bytes) {
        StringValue v = new StringValue(bytes);
        v.raw = true;
        return v;
    }

    /** A view of what an entry holds bare: its bytes, or a counter's text ({@code origin} is then the counter). */
    static StringValue viewOf(KeyEntry entry, byte[] bytes, Object origin) {
        StringValue v = new StringValue(bytes);
        v.viewing(entry, origin);
        return v;
    }

    /** Whether an entry may keep this string as its bare bytes: never edited, and no slack in the buffer. */
    boolean inlinable() {
        return !raw && buf.length == length;
    }

    void viewing(KeyEntry entry, Object bare) {
        owner = entry;
        origin = bare;
        shared = true;
    }

    /** After an edit: the entry that held the bare bytes now holds this edited string. */
    private void edited() {
        if (owner != null) {
            owner.edited(this, origin);
            owner = null;
            origin = null;
        }
    }

    public boolean isRaw() {
        return raw;
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    public int length() {
        return length;
    }

    /** The current contents; callers must not modify the array. */
    public byte[] bytes() {
        if (buf.length != length) {
            buf = Arrays.copyOf(buf, length);
        }
        shared = true;
        return buf;
    }

    public void append(byte[] tail) {
        raw = true;
        ensureCapacity(length + tail.length);
        System.arraycopy(tail, 0, buf, length, tail.length);
        length += tail.length;
        edited();
    }

    /** Writes {@code data} at {@code offset}, zero-padding any gap past the current end. */
    public void setRange(int offset, byte[] data) {
        raw = true;
        int end = offset + data.length;
        ensureCapacity(Math.max(length, end));
        if (offset > length) {
            Arrays.fill(buf, length, offset, (byte) 0);
        }
        System.arraycopy(data, 0, buf, offset, data.length);
        length = Math.max(length, end);
        edited();
    }

    /** The bit at this offset (bit 0 is the most significant of byte 0); 0 past the end. */
    public int bit(long offset) {
        long index = offset >>> 3;
        return index < length ? (buf[(int) index] >> (7 - (int) (offset & 7))) & 1 : 0;
    }

    /** Sets or clears one bit, zero-padding the string up to its byte; the bit's previous value. */
    public int setBit(long offset, boolean on) {
        raw = true;
        int index = (int) (offset >>> 3);
        if (index >= length) {
            ensureCapacity(index + 1);
            Arrays.fill(buf, length, index + 1, (byte) 0);
            length = index + 1;
        } else {
            ensureCapacity(length);
        }
        int mask = 1 << (7 - (int) (offset & 7));
        int old = (buf[index] & mask) != 0 ? 1 : 0;
        buf[index] = (byte) (on ? buf[index] | mask : buf[index] & ~mask);
        edited();
        return old;
    }

    private void ensureCapacity(int needed) {
        if (!shared && buf.length >= needed) {
            return;
        }
        int capacity = buf.length >= needed ? buf.length : Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, (long) needed * 2));
        // Past 1 MB grow by 1 MB at most, as sds does, to bound the slack.
        if (needed > 1 << 20) {
            capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) needed + (1 << 20));
        }
        buf = Arrays.copyOf(buf, capacity);
        // Bytes past the logical length may be stale after a shared copy; callers overwrite or zero them.
        shared = false;
    }
}
