package dev.trib.node.keyspace;

import java.util.function.Consumer;

/**
 * The main key table: {@link ScanTable}'s design (chained buckets, reverse-binary SCAN cursor, grow
 * at load 1, shrink under 10%) with the entries themselves as the chain links, so a key costs no
 * separate node object — the keyspace's largest per-key saving.
 */
final class EntryTable {
    private static final int MIN_CAPACITY = 4;

    private KeyEntry[] buckets = new KeyEntry[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    KeyEntry get(Key key) {
        for (KeyEntry e = buckets[key.hashCode() & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.keyEquals(key)) {
                return e;
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
            head = buckets[random.nextInt(buckets.length)];
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
        int index = entry.hash & (buckets.length - 1);
        entry.next = buckets[index];
        buckets[index] = entry;
        size++;
        if (size >= buckets.length) {
            resize(buckets.length * 2);
        }
    }

    /** Removes this very entry (not merely one with an equal key). */
    void remove(KeyEntry entry) {
        int index = entry.hash & (buckets.length - 1);
        KeyEntry prev = null;
        for (KeyEntry e = buckets[index]; e != null; prev = e, e = e.next) {
            if (e == entry) {
                if (prev == null) {
                    buckets[index] = e.next;
                } else {
                    prev.next = e.next;
                }
                e.next = null;
                size--;
                shrinkIfSparse();
                return;
            }
        }
    }

    void clear() {
        buckets = new KeyEntry[MIN_CAPACITY];
        size = 0;
    }

    void forEach(Consumer<KeyEntry> action) {
        for (KeyEntry head : buckets) {
            for (KeyEntry e = head; e != null; e = e.next) {
                action.accept(e);
            }
        }
    }

    /** One SCAN step, as {@link ScanTable#scan}. */
    long scan(long cursor, Consumer<KeyEntry> action) {
        if (size == 0) {
            return 0;
        }
        long mask = buckets.length - 1;
        for (KeyEntry e = buckets[(int) (cursor & mask)]; e != null; e = e.next) {
            action.accept(e);
        }
        return ScanTable.nextCursor(cursor, mask);
    }

    private void shrinkIfSparse() {
        int capacity = ScanTable.shrunkCapacity(size, buckets.length);
        if (capacity != 0) {
            resize(capacity);
        }
    }

    private void resize(int capacity) {
        KeyEntry[] fresh = new KeyEntry[capacity];
        int mask = capacity - 1;
        for (KeyEntry head : buckets) {
            KeyEntry e = head;
            while (e != null) {
                KeyEntry next = e.next;
                int index = e.hash & mask;
                e.next = fresh[index];
                fresh[index] = e;
                e = next;
            }
        }
        buckets = fresh;
    }
}
