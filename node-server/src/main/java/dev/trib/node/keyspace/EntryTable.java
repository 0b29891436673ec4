package dev.trib.node.keyspace;

import java.util.function.Consumer;

/**
 * The main key table: {@link ScanTable}'s design (chained buckets, reverse-binary SCAN cursor, grow at load 1, shrink
 * under 10%) with the entries themselves as the chain links, so a key costs no separate node object — the keyspace's
 * largest per-key saving.
 *
 * <p>It resizes incrementally, as Redis's dict does: a resize allocates the new bucket array and then moves one
 * bucket per operation on the table, plus what {@link #rehashFor} moves from the node's cron, while lookups search
 * both arrays. Moving a million entries at once stalled every client for a tenth of a second and left the next young
 * collection to scan every entry it had relinked.
 */
final class EntryTable {
    private static final int MIN_CAPACITY = 4;
    /** Empty buckets a step may pass over before it gives up (Redis: ten per bucket it was asked to move). */
    private static final int EMPTY_VISITS = 10;

    private KeyEntry[] buckets = new KeyEntry[MIN_CAPACITY];
    /** The array being filled during a resize, or null; buckets below {@link #moved} have been moved into it. */
    private KeyEntry[] resized;
    private int moved;
    private int size;

    int size() {
        return size;
    }

    boolean resizing() {
        return resized != null;
    }

    KeyEntry get(Key key) {
        step();
        int hash = key.hashCode();
        for (KeyEntry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.keyEquals(key)) {
                return e;
            }
        }
        if (resized != null) {
            for (KeyEntry e = resized[hash & (resized.length - 1)]; e != null; e = e.next) {
                if (e.keyEquals(key)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** A uniformly chosen bucket's random entry (as Redis's dictGetFairRandomKey, roughly); null when empty. */
    KeyEntry random(java.util.Random random) {
        if (size == 0) {
            return null;
        }
        KeyEntry head;
        do {
            if (resized == null) {
                head = buckets[random.nextInt(buckets.length)];
            } else {
                // The buckets not yet moved, then the new array's, as one range.
                int pick = random.nextInt(buckets.length - moved + resized.length);
                head = pick < buckets.length - moved ? buckets[moved + pick] : resized[pick - (buckets.length - moved)];
            }
        } while (head == null);
        int chain = 0;
        for (KeyEntry e = head; e != null; e = e.next) {
            chain++;
        }
        KeyEntry pick = head;
        for (int i = random.nextInt(chain); i > 0; i--) {
            pick = pick.next;
        }
        return pick;
    }

    /** Adds an entry whose key is not in the table. */
    void add(KeyEntry entry) {
        step();
        KeyEntry[] target = resized != null ? resized : buckets;
        int index = entry.hash & (target.length - 1);
        entry.next = target[index];
        target[index] = entry;
        size++;
        if (resized == null && size >= buckets.length) {
            startResize(buckets.length * 2);
        }
    }

    /** Removes this very entry (not merely one with an equal key). */
    void remove(KeyEntry entry) {
        step();
        if (!unlink(buckets, entry) && (resized == null || !unlink(resized, entry))) {
            return;
        }
        entry.next = null;
        size--;
        if (resized == null) {
            int capacity = ScanTable.shrunkCapacity(size, buckets.length);
            if (capacity != 0) {
                startResize(capacity);
            }
        }
    }

    private static boolean unlink(KeyEntry[] table, KeyEntry entry) {
        int index = entry.hash & (table.length - 1);
        KeyEntry prev = null;
        for (KeyEntry e = table[index]; e != null; prev = e, e = e.next) {
            if (e == entry) {
                if (prev == null) {
                    table[index] = e.next;
                } else {
                    prev.next = e.next;
                }
                return true;
            }
        }
        return false;
    }

    void clear() {
        buckets = new KeyEntry[MIN_CAPACITY];
        resized = null;
        moved = 0;
        size = 0;
    }

    void forEach(Consumer<KeyEntry> action) {
        forEachIn(buckets, action);
        if (resized != null) {
            forEachIn(resized, action);
        }
    }

    private static void forEachIn(KeyEntry[] table, Consumer<KeyEntry> action) {
        for (KeyEntry head : table) {
            for (KeyEntry e = head; e != null; e = e.next) {
                action.accept(e);
            }
        }
    }

    /**
     * One SCAN step, as {@link ScanTable#scan}; during a resize, as Redis's dictScan: the smaller array's bucket, then
     * every bucket of the larger one that its entries can move to, so nothing present for the whole scan is missed.
     */
    long scan(long cursor, Consumer<KeyEntry> action) {
        if (size == 0) {
            return 0;
        }
        if (resized == null) {
            long mask = buckets.length - 1;
            emit(buckets, (int) (cursor & mask), action);
            return ScanTable.nextCursor(cursor, mask);
        }
        KeyEntry[] small = buckets.length <= resized.length ? buckets : resized;
        KeyEntry[] large = small == buckets ? resized : buckets;
        long smallMask = small.length - 1;
        long largeMask = large.length - 1;
        emit(small, (int) (cursor & smallMask), action);
        do {
            emit(large, (int) (cursor & largeMask), action);
            cursor = ScanTable.nextCursor(cursor, largeMask);
        } while ((cursor & (smallMask ^ largeMask)) != 0);
        return cursor;
    }

    private static void emit(KeyEntry[] table, int index, Consumer<KeyEntry> action) {
        for (KeyEntry e = table[index]; e != null; e = e.next) {
            action.accept(e);
        }
    }

    /** Moves buckets of a resize in progress for up to this long (the node's cron, as Redis's activerehashing). */
    void rehashFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (resized != null && System.nanoTime() < deadline) {
            rehash(100);
        }
    }

    private void startResize(int capacity) {
        resized = new KeyEntry[capacity];
        moved = 0;
    }

    private void step() {
        if (resized != null) {
            rehash(1);
        }
    }

    /** Moves up to {@code count} non-empty buckets into the new array; switches to it once all are moved. */
    private void rehash(int count) {
        int emptyVisits = count * EMPTY_VISITS;
        int mask = resized.length - 1;
        while (count > 0 && moved < buckets.length) {
            KeyEntry e = buckets[moved];
            if (e == null) {
                moved++;
                if (--emptyVisits == 0) {
                    break;
                }
                continue;
            }
            while (e != null) {
                KeyEntry next = e.next;
                int index = e.hash & mask;
                e.next = resized[index];
                resized[index] = e;
                e = next;
            }
            buckets[moved++] = null;
            count--;
        }
        if (moved == buckets.length) {
            buckets = resized;
            resized = null;
            moved = 0;
        }
    }
}
