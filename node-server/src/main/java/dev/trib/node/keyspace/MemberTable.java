package dev.trib.node.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A sorted set's member index: a chained hash table whose chain links live in the elements themselves
 * ({@link ScoreTree.Node#chain}), so a member costs no entry object beside its element. Cursor and growth rules are
 * {@link ScanTable}'s (reverse-binary SCAN cursor, double when full, shrink under 10% used), which ZSCAN relies on.
 */
final class MemberTable {
    private static final int MIN_CAPACITY = 4;

    private ScoreTree.Node[] buckets = new ScoreTree.Node[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    ScoreTree.Node get(Key key) {
        int hash = key.hashCode();
        byte[] bytes = key.bytes();
        for (ScoreTree.Node n = buckets[hash & (buckets.length - 1)]; n != null; n = n.chain) {
            if (n.hash == hash && Arrays.equals(n.member, bytes)) {
                return n;
            }
        }
        return null;
    }

    /** Adds an element whose member is known to be absent. */
    void add(ScoreTree.Node node) {
        int index = node.hash & (buckets.length - 1);
        node.chain = buckets[index];
        buckets[index] = node;
        size++;
        if (size >= buckets.length) {
            resize(buckets.length * 2);
        }
    }

    /** @return the removed element, or null when absent */
    ScoreTree.Node remove(Key key) {
        int hash = key.hashCode();
        byte[] bytes = key.bytes();
        int index = hash & (buckets.length - 1);
        ScoreTree.Node prev = null;
        for (ScoreTree.Node n = buckets[index]; n != null; prev = n, n = n.chain) {
            if (n.hash == hash && Arrays.equals(n.member, bytes)) {
                if (prev == null) {
                    buckets[index] = n.chain;
                } else {
                    prev.chain = n.chain;
                }
                n.chain = null;
                size--;
                int capacity = ScanTable.shrunkCapacity(size, buckets.length);
                if (capacity != 0) {
                    resize(capacity);
                }
                return n;
            }
        }
        return null;
    }

    /** Reports every element of the cursor's bucket; the next cursor, 0 when done (and for an empty table). */
    long scan(long cursor, Consumer<ScoreTree.Node> action) {
        if (size == 0) {
            return 0;
        }
        long mask = buckets.length - 1;
        for (ScoreTree.Node n = buckets[(int) (cursor & mask)]; n != null; n = n.chain) {
            action.accept(n);
        }
        return ScanTable.nextCursor(cursor, mask);
    }

    private void resize(int capacity) {
        ScoreTree.Node[] fresh = new ScoreTree.Node[capacity];
        int mask = capacity - 1;
        for (ScoreTree.Node head : buckets) {
            ScoreTree.Node n = head;
            while (n != null) {
                ScoreTree.Node next = n.chain;
                int index = n.hash & mask;
                n.chain = fresh[index];
                fresh[index] = n;
                n = next;
            }
        }
        buckets = fresh;
    }
}
