package dev.trib.node.keyspace;

import java.util.Random;
import java.util.function.BiConsumer;

/**
 * A chained hash table keyed by {@link Key} with the two abilities Redis's dict has and
 * {@code java.util.HashMap} lacks: a stateless SCAN cursor and cheap random sampling.
 *
 * <p>The cursor walks buckets in reverse-binary order (increment the reversed bucket bits), which
 * guarantees that an element present for the whole iteration is reported at least once even when
 * the table grows or shrinks between calls. The table doubles when full (load factor 1) and
 * shrinks when under 10% used, like Redis's dict.
 */
public final class ScanTable<V> {
    private static final int MIN_CAPACITY = 4;

    /** The key's bytes and hash sit in the node: a Key object per entry would cost 24 bytes and a cache miss. */
    private static final class Node<V> {
        final byte[] key;
        final int hash;
        V value;
        Node<V> next;

        Node(Key key, V value, Node<V> next) {
            this.key = key.bytes();
            this.hash = key.hashCode();
            this.value = value;
            this.next = next;
        }

        boolean holds(Key k) {
            return hash == k.hashCode() && java.util.Arrays.equals(key, k.bytes());
        }

        Key key() {
            return Key.of(key, hash);
        }
    }

    private Node<V>[] buckets = newBuckets(MIN_CAPACITY);
    private int size;

    @SuppressWarnings("unchecked")
    private static <V> Node<V>[] newBuckets(int capacity) {
        return (Node<V>[]) new Node<?>[capacity];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public V get(Key key) {
        for (Node<V> n = buckets[key.hashCode() & (buckets.length - 1)]; n != null; n = n.next) {
            if (n.holds(key)) {
                return n.value;
            }
        }
        return null;
    }

    public boolean containsKey(Key key) {
        return get(key) != null;
    }

    /** @return the previous value, or null when the key was new (values must not be null) */
    public V put(Key key, V value) {
        int index = key.hashCode() & (buckets.length - 1);
        for (Node<V> n = buckets[index]; n != null; n = n.next) {
            if (n.holds(key)) {
                V old = n.value;
                n.value = value;
                return old;
            }
        }
        buckets[index] = new Node<>(key, value, buckets[index]);
        size++;
        if (size >= buckets.length) {
            resize(buckets.length * 2);
        }
        return null;
    }

    public V remove(Key key) {
        int index = key.hashCode() & (buckets.length - 1);
        Node<V> prev = null;
        for (Node<V> n = buckets[index]; n != null; prev = n, n = n.next) {
            if (n.holds(key)) {
                if (prev == null) {
                    buckets[index] = n.next;
                } else {
                    prev.next = n.next;
                }
                size--;
                shrinkIfSparse();
                return n.value;
            }
        }
        return null;
    }

    public void clear() {
        buckets = newBuckets(MIN_CAPACITY);
        size = 0;
    }

    public void forEach(BiConsumer<Key, V> action) {
        for (Node<V> head : buckets) {
            for (Node<V> n = head; n != null; n = n.next) {
                action.accept(n.key(), n.value);
            }
        }
    }

    /**
     * Reports every element of the bucket the cursor points at and returns the next cursor,
     * 0 when the iteration is complete. An empty table always returns 0.
     */
    public long scan(long cursor, BiConsumer<Key, V> action) {
        if (size == 0) {
            return 0;
        }
        long mask = buckets.length - 1;
        for (Node<V> n = buckets[(int) (cursor & mask)]; n != null; n = n.next) {
            action.accept(n.key(), n.value);
        }
        return nextCursor(cursor, mask);
    }

    /** The cursor after the bucket {@code cursor & mask}: the reversed-bits increment; 0 after the last. */
    static long nextCursor(long cursor, long mask) {
        // Set the bits above the mask so the increment of the reversed cursor carries through them.
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    /** The capacity to shrink to when under 10% used, or 0 to keep the current one. */
    static int shrunkCapacity(int size, int capacity) {
        if (capacity <= MIN_CAPACITY || (long) size * 10 >= capacity) {
            return 0;
        }
        int fit = MIN_CAPACITY;
        while (fit < size) {
            fit <<= 1;
        }
        return fit;
    }

    /** A uniformly chosen bucket's random element; null when empty. */
    public Key randomKey(Random random) {
        if (size == 0) {
            return null;
        }
        Node<V> head;
        do {
            head = buckets[random.nextInt(buckets.length)];
        } while (head == null);
        int chain = 0;
        for (Node<V> n = head; n != null; n = n.next) {
            chain++;
        }
        Node<V> pick = head;
        for (int i = random.nextInt(chain); i > 0; i--) {
            pick = pick.next;
        }
        return pick.key();
    }

    private void shrinkIfSparse() {
        int capacity = shrunkCapacity(size, buckets.length);
        if (capacity != 0) {
            resize(capacity);
        }
    }

    private void resize(int capacity) {
        Node<V>[] old = buckets;
        Node<V>[] fresh = newBuckets(capacity);
        int mask = capacity - 1;
        for (Node<V> head : old) {
            Node<V> n = head;
            while (n != null) {
                Node<V> next = n.next;
                int index = n.hash & mask;
                n.next = fresh[index];
                fresh[index] = n;
                n = next;
            }
        }
        buckets = fresh;
    }
}
