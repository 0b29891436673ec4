package dev.trib.node.keyspace;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys grouped by cluster hash slot through intrusive doubly linked lists, so counting a slot's
 * keys is O(1) and listing some of them is O(n) in the number listed (COUNTKEYSINSLOT,
 * GETKEYSINSLOT). Adding and removing a key is O(1).
 */
final class SlotIndex {
    private final KeyEntry[] heads = new KeyEntry[KeySlot.SLOTS];
    private final int[] counts = new int[KeySlot.SLOTS];

    void add(KeyEntry e) {
        KeyEntry head = heads[e.slot];
        e.slotPrev = null;
        e.slotNext = head;
        if (head != null) {
            head.slotPrev = e;
        }
        heads[e.slot] = e;
        counts[e.slot]++;
    }

    void remove(KeyEntry e) {
        if (e.slotPrev != null) {
            e.slotPrev.slotNext = e.slotNext;
        } else {
            heads[e.slot] = e.slotNext;
        }
        if (e.slotNext != null) {
            e.slotNext.slotPrev = e.slotPrev;
        }
        e.slotPrev = null;
        e.slotNext = null;
        counts[e.slot]--;
    }

    int count(int slot) {
        return counts[slot];
    }

    List<Key> keys(int slot, int max) {
        List<Key> out = new ArrayList<>(Math.min(max, counts[slot]));
        for (KeyEntry e = heads[slot]; e != null && out.size() < max; e = e.slotNext) {
            out.add(e.key);
        }
        return out;
    }

    void clear() {
        java.util.Arrays.fill(heads, null);
        java.util.Arrays.fill(counts, 0);
    }
}
