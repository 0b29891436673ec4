package dev.trib.node.keyspace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key table against a HashMap model, through growth and shrinking, with lookups and SCANs made mid-resize. */
class EntryTableTest {
    private static Key key(int i) {
        return Key.of(("key:" + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lookupsAddsRemovesAndRandomPicksAgreeWithAModelThroughResizes() {
        Random random = new Random(7);
        EntryTable table = new EntryTable();
        Map<Key, KeyEntry> model = new HashMap<>();
        boolean sawResize = false;
        for (int round = 0; round < 60_000; round++) {
            // Grow to ~20,000 keys, then shrink to a few hundred, then grow again.
            int phase = round / 20_000;
            boolean add = phase == 1 ? random.nextInt(10) == 0 : random.nextInt(10) != 0;
            Key k = key(random.nextInt(25_000));
            KeyEntry present = model.get(k);
            assertSame(present, table.get(k));
            if (add && present == null) {
                KeyEntry e = new KeyEntry(k, new StringValue(new byte[] {1}));
                table.add(e);
                model.put(k, e);
            } else if (!add && present != null) {
                table.remove(present);
                model.remove(k);
            }
            sawResize |= table.resizing();
            assertEquals(model.size(), table.size());
            if (round % 997 == 0 && !model.isEmpty()) {
                KeyEntry picked = table.random(random);
                assertSame(model.get(picked.key()), picked);
            }
        }
        assertTrue(sawResize);
        for (Map.Entry<Key, KeyEntry> e : model.entrySet()) {
            assertSame(e.getValue(), table.get(e.getKey()));
        }
        List<KeyEntry> all = new ArrayList<>();
        table.forEach(all::add);
        assertEquals(model.size(), all.size());
        assertEquals(new HashSet<>(model.values()), new HashSet<>(all));
    }

    /** Scans that start as the table begins to grow (odd trials) or to shrink (even ones), keys coming and going. */
    @Test
    void aScanReturnsEveryKeyPresentThroughoutIt() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            boolean growing = trial % 2 == 1;
            EntryTable table = new EntryTable();
            List<KeyEntry> present = new ArrayList<>();
            int next = 0;
            while (!table.resizing() || present.size() < 64) {
                KeyEntry e = new KeyEntry(key(next++), new StringValue(new byte[] {1}));
                table.add(e);
                present.add(e);
            }
            java.util.Collections.shuffle(present, random);
            // One key in twenty stays for the whole scan: few enough that removing the rest shrinks the table.
            Set<Key> stable = new HashSet<>();
            for (int i = 0; i < present.size() / 20; i++) {
                stable.add(present.get(i).key());
            }
            List<KeyEntry> movable = new ArrayList<>(present.subList(present.size() / 20, present.size()));
            int budget = present.size();
            Set<Key> seen = new HashSet<>();
            long cursor = 0;
            boolean resizedMidScan = false;
            do {
                cursor = table.scan(cursor, e -> seen.add(e.key()));
                for (int i = random.nextInt(40); i > 0 && budget > 0; i--, budget--) {
                    if (growing) {
                        KeyEntry e = new KeyEntry(key(next++), new StringValue(new byte[] {1}));
                        table.add(e);
                    } else if (!movable.isEmpty()) {
                        table.remove(movable.remove(movable.size() - 1));
                    }
                }
                resizedMidScan |= table.resizing();
            } while (cursor != 0);
            assertTrue(resizedMidScan, "trial " + trial + " never scanned during a resize");
            assertTrue(seen.containsAll(stable), "trial " + trial + ": a key present throughout was not returned");
        }
    }

    @Test
    void clearEmptiesEvenMidResize() {
        EntryTable table = new EntryTable();
        for (int i = 0; i < 1024; i++) {
            table.add(new KeyEntry(key(i), new StringValue(new byte[] {1})));
        }
        assertTrue(table.resizing());
        table.clear();
        assertEquals(0, table.size());
        assertFalse(table.resizing());
        assertNull(table.get(key(3)));
        assertEquals(0, table.scan(0, e -> { }));
    }

    @Test
    void theCronFinishesAResize() {
        EntryTable table = new EntryTable();
        for (int i = 0; i < 4096; i++) {
            table.add(new KeyEntry(key(i), new StringValue(new byte[] {1})));
        }
        assertTrue(table.resizing());
        table.rehashFor(1_000_000_000L);
        assertFalse(table.resizing());
        for (int i = 0; i < 4096; i++) {
            assertTrue(table.get(key(i)) != null);
        }
    }
}
