package dev.trib.node.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanTableTest {
    @Test
    void behavesLikeAMap() {
        ScanTable<String> table = new ScanTable<>();
        for (int i = 0; i < 1000; i++) {
            assertNull(table.put(Key.of("k" + i), "v" + i));
        }
        assertEquals("v1", table.put(Key.of("k1"), "w1"));
        assertEquals(1000, table.size());
        assertEquals("w1", table.get(Key.of("k1")));
        for (int i = 0; i < 990; i++) {
            assertEquals(i == 1 ? "w1" : "v" + i, table.remove(Key.of("k" + i)));
        }
        assertEquals(10, table.size());
        assertEquals("v995", table.get(Key.of("k995")));
        assertNull(table.get(Key.of("k5")));
    }

    @Test
    void aFullScanVisitsEveryElementEvenWhileTheTableGrowsAndShrinks() {
        ScanTable<Integer> table = new ScanTable<>();
        for (int i = 0; i < 500; i++) {
            table.put(Key.of("stable" + i), i);
        }
        Set<Key> seen = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            cursor = table.scan(cursor, (k, v) -> seen.add(k));
            step++;
            // Churn: grow a lot, then shrink, between calls.
            if (step == 20) {
                for (int i = 0; i < 5000; i++) {
                    table.put(Key.of("extra" + i), i);
                }
            }
            if (step == 300) {
                for (int i = 0; i < 5000; i++) {
                    table.remove(Key.of("extra" + i));
                }
            }
        } while (cursor != 0);
        for (int i = 0; i < 500; i++) {
            assertTrue(seen.contains(Key.of("stable" + i)), "missed stable" + i);
        }
    }

    @Test
    void randomKeysComeFromTheTable() {
        ScanTable<Integer> table = new ScanTable<>();
        Random random = new Random(1);
        assertNull(table.randomKey(random));
        for (int i = 0; i < 50; i++) {
            table.put(Key.of("k" + i), i);
        }
        Set<Key> picked = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Key k = table.randomKey(random);
            assertTrue(table.containsKey(k));
            picked.add(k);
        }
        assertEquals(50, picked.size(), "every element is reachable");
    }
}
