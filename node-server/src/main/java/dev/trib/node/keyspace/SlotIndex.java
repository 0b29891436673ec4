package dev.trib.node.keyspace;

import dev.trib.planner.topology.KeySlots;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys grouped by cluster hash slot through intrusive doubly linked lists, so counting a slot's
 * keys is O(1) and listing some of them is O(n) in the number listed (COUNTKEYSINSLOT,
 * GETKEYSINSLOT). Adding and removing a key is O(1).
 */
final class SlotIndex {
    private final KeyEntry[] heads = new KeyEntry[KeySlots.COUNT];
    private final int[] counts = new int[KeySlots.COUNT];

    void add(KeyEntry e) {
        int slot = e.slot();
        KeyEntry head = heads[slot];
        e.slotPrev = null;
        e.slotNext = head;
        if (head != null) {
            head.slotPrev = e;
        }
        heads[slot] = e;
        counts[slot]++;
    }

    void remove(KeyEntry e) {
        int slot = e.slot();
        if (e.slotPrev != null) {
            e.slotPrev.slotNext = e.slotNext;
        } else {
            heads[slot] = e.slotNext;
        }
        if (e.slotNext != null) {
            e.slotNext.slotPrev = e.slotPrev;
        }
        e.slotPrev = null;
        e.slotNext = null;
        counts[slot]--;
    }

    int count(int slot) {
        return counts[slot];
    }

    List<Key> keys(int slot, int max) {
        List<Key> out = new ArrayList<>(Math.min(max, counts[slot]));
        for (KeyEntry e = heads[slot]; e != null && out.size() < max; e = e.slotNext) {
            out.add(e.key());
        }
        return out;
    }

    void clear() {
        java.util.Arrays.fill(heads, null);
        java.util.Arrays.fill(counts, 0);
    }
}
