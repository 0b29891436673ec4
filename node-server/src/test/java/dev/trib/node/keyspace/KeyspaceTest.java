package dev.trib.node.keyspace;

import dev.trib.node.support.MutableClock;
import dev.trib.planner.topology.KeySlot;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyspaceTest {
    private final MutableClock clock = new MutableClock(1_000_000);
    private final Keyspace keyspace = new Keyspace(clock);

    private static StringValue str(String s) {
        return new StringValue(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void keysExpireLazilyWhenTouched() {
        keyspace.set(Key.of("k"), str("v"));
        keyspace.setExpireAt(Key.of("k"), clock.nowMillis() + 100);
        clock.advance(99);
        assertTrue(keyspace.exists(Key.of("k")));
        clock.advance(1);
        assertFalse(keyspace.exists(Key.of("k")));
        assertEquals(0, keyspace.size());
        assertEquals(0, keyspace.volatileSize());
    }

    @Test
    void setClearsTheTtlAndOverwriteKeepsIt() {
        Key k = Key.of("k");
        keyspace.set(k, str("a"));
        keyspace.setExpireAt(k, clock.nowMillis() + 1000);
        keyspace.overwrite(k, str("b"));
        assertEquals(clock.nowMillis() + 1000, keyspace.expireAt(k));
        keyspace.set(k, str("c"));
        assertEquals(KeyEntry.NO_EXPIRE, keyspace.expireAt(k));
        assertEquals(0, keyspace.volatileSize());
    }

    @Test
    void activeExpiryRemovesKeysNobodyTouches() {
        for (int i = 0; i < 1000; i++) {
            Key k = Key.of("t" + i);
            keyspace.set(k, str("v"));
            keyspace.setExpireAt(k, clock.nowMillis() + 10);
        }
        for (int i = 0; i < 100; i++) {
            keyspace.set(Key.of("p" + i), str("v"));
        }
        clock.advance(10);
        int removed = 0;
        for (int cycle = 0; cycle < 100 && keyspace.volatileSize() > 0; cycle++) {
            removed += keyspace.activeExpireCycle(Long.MAX_VALUE);
        }
        assertEquals(1000, removed);
        assertEquals(100, keyspace.size());
    }

    @Test
    void typedLookupsThrowOnTheWrongType() {
        keyspace.set(Key.of("s"), str("v"));
        assertThrows(WrongTypeException.class, () -> keyspace.get(Key.of("s"), ListValue.class));
        assertNull(keyspace.get(Key.of("missing"), ListValue.class));
    }

    @Test
    void theSlotIndexFollowsAddsAndDeletes() {
        int slot = KeySlot.of("{tag}".getBytes());
        for (int i = 0; i < 10; i++) {
            keyspace.set(Key.of("{tag}" + i), str("v"));
        }
        assertEquals(10, keyspace.countKeysInSlot(slot));
        assertEquals(3, keyspace.keysInSlot(slot, 3).size());
        keyspace.delete(Key.of("{tag}3"));
        keyspace.setExpireAt(Key.of("{tag}4"), clock.nowMillis() + 1);
        clock.advance(1);
        keyspace.exists(Key.of("{tag}4"));
        assertEquals(8, keyspace.countKeysInSlot(slot));
        List<Key> keys = keyspace.keysInSlot(slot, 100);
        assertEquals(8, keys.size());
        assertFalse(keys.contains(Key.of("{tag}3")));
        keyspace.flush();
        assertEquals(0, keyspace.countKeysInSlot(slot));
    }

    /** Random adds, overwrites and deletes over a few slots, the index checked against a plain model each step. */
    @Test
    void theSlotIndexMatchesAModelThroughGrowthAndShrinking() {
        java.util.Random random = new java.util.Random(7);
        java.util.Map<Integer, java.util.Set<Key>> model = new java.util.HashMap<>();
        String[] tags = {"{a}", "{b}", "{c}"};
        for (int step = 0; step < 20_000; step++) {
            String tag = tags[random.nextInt(tags.length)];
            Key k = Key.of(tag + random.nextInt(step < 10_000 ? 3000 : 300));
            int slot = KeySlot.of(k.bytes());
            if (random.nextInt(3) > 0 && step < 10_000 || random.nextInt(5) == 0) {
                keyspace.set(k, str("v"));
                model.computeIfAbsent(slot, s -> new java.util.HashSet<>()).add(k);
            } else {
                keyspace.delete(k);
                model.getOrDefault(slot, new java.util.HashSet<>()).remove(k);
            }
            if (step % 997 == 0 || step == 19_999) {
                for (String t : tags) {
                    int s = KeySlot.of(t.getBytes());
                    java.util.Set<Key> want = model.getOrDefault(s, java.util.Set.of());
                    assertEquals(want.size(), keyspace.countKeysInSlot(s));
                    assertEquals(want, new java.util.HashSet<>(keyspace.keysInSlot(s, Integer.MAX_VALUE)));
                    assertEquals(Math.min(5, want.size()), keyspace.keysInSlot(s, 5).size());
                }
            }
        }
        for (String t : tags) { // deleting down to nothing shrinks each slot's array step by step
            int s = KeySlot.of(t.getBytes());
            java.util.Set<Key> left = new java.util.HashSet<>(model.getOrDefault(s, java.util.Set.of()));
            for (Key k : keyspace.keysInSlot(s, Integer.MAX_VALUE)) {
                assertTrue(keyspace.delete(k));
                left.remove(k);
                assertEquals(left, new java.util.HashSet<>(keyspace.keysInSlot(s, Integer.MAX_VALUE)));
            }
            assertEquals(0, keyspace.countKeysInSlot(s));
        }
        assertEquals(0, keyspace.size());
    }
}
