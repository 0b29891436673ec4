package dev.trib.node.keyspace;

import dev.trib.node.support.MutableClock;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain strings kept as bare bytes in their entry, edits made through views, and the per-key access clock. */
class CompactEntryTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final Keyspace keyspace = new Keyspace(clock);
    private final Key k = Key.of("k");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String text(Key key) {
        return new String(keyspace.get(key, StringValue.class).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void anEditThroughAViewIsStoredAndEarlierRepliesKeepTheirBytes() {
        keyspace.set(k, new StringValue(b("abc")));
        byte[] replied = keyspace.get(k, StringValue.class).bytes();
        keyspace.get(k, StringValue.class).append(b("def"));
        assertEquals("abcdef", text(k));
        assertArrayEquals(b("abc"), replied);
        keyspace.get(k, StringValue.class).setRange(0, b("X"));
        keyspace.get(k, StringValue.class).setBit(7, true);
        assertEquals("Ybcdef", text(k));
        assertTrue(keyspace.get(k, StringValue.class).isRaw());
    }

    @Test
    void aValueEditedAfterTheKeyspaceTookItsBytesIsStoredToo() {
        StringValue v = new StringValue(new byte[0]);
        keyspace.add(k, v);
        v.setBit(9, true); // SETBIT on a new key adds the empty string first, then sets the bit
        assertArrayEquals(new byte[] {0, 0x40}, keyspace.get(k, StringValue.class).bytes());
    }

    @Test
    void aStaleViewDoesNotBringBackAnOverwrittenValue() {
        keyspace.set(k, new StringValue(b("old")));
        StringValue stale = keyspace.get(k, StringValue.class);
        keyspace.set(k, new StringValue(b("new")));
        stale.append(b("!"));
        assertEquals("new", text(k));
    }

    @Test
    void aCounterChangesInPlaceKeepsItsTtlAndReadsAsItsText() {
        keyspace.overwriteInteger(k, 41);
        keyspace.setExpireAt(k, clock.nowMillis() + 10_000);
        KeyEntry e = keyspace.lookup(k);
        assertTrue(e.isCounter());
        keyspace.overwriteInteger(k, 12_345_678_901L);
        assertSame(e, keyspace.lookup(k));
        assertEquals(12_345_678_901L, e.counter());
        assertEquals("12345678901", text(k));
        assertEquals(clock.nowMillis() + 10_000, keyspace.expireAt(k));
        assertEquals(ValueType.STRING, e.type());
    }

    @Test
    void anEditedCounterBecomesAStringAndAStringBecomesACounter() {
        keyspace.overwriteInteger(k, 7);
        byte[] replied = keyspace.get(k, StringValue.class).bytes();
        keyspace.get(k, StringValue.class).append(b("x"));
        assertFalse(keyspace.lookup(k).isCounter());
        assertEquals("7x", text(k));
        assertArrayEquals(b("7"), replied);
        keyspace.set(k, new StringValue(b("5")));
        keyspace.overwriteInteger(k, 6);
        assertTrue(keyspace.lookup(k).isCounter());
        assertEquals("6", text(k));
    }

    @Test
    void aStaleViewOfACounterDoesNotBringBackAnOverwrittenValue() {
        keyspace.overwriteInteger(k, 1);
        StringValue stale = keyspace.get(k, StringValue.class);
        keyspace.set(k, new StringValue(b("new")));
        stale.append(b("!"));
        assertEquals("new", text(k));
    }

    @Test
    void onlyAClusterKeyspaceGroupsKeysBySlot() {
        Keyspace standalone = new Keyspace(clock, false);
        standalone.set(Key.of("{t}a"), new StringValue(b("v")));
        standalone.overwriteInteger(Key.of("{t}b"), 1);
        assertTrue(standalone.delete(Key.of("{t}a")));
        assertEquals(1, standalone.size());
        int slot = dev.trib.planner.topology.KeySlot.of(b("{t}a"));
        assertThrows(IllegalStateException.class, () -> standalone.countKeysInSlot(slot));
        keyspace.set(Key.of("{t}a"), new StringValue(b("v")));
        keyspace.overwriteInteger(Key.of("{t}b"), 1);
        assertEquals(2, keyspace.countKeysInSlot(slot));
    }

    @Test
    void entriesFindTheirKeysByBytesAndHash() {
        for (int i = 0; i < 5000; i++) {
            keyspace.set(Key.of("key:" + i), new StringValue(b("v" + i)));
        }
        for (int i = 0; i < 5000; i += 7) {
            assertEquals("v" + i, text(Key.of("key:" + i)));
        }
        KeyEntry e = keyspace.lookup(Key.of("key:42"));
        assertEquals(Key.of("key:42"), e.key());
        assertEquals(ValueType.STRING, e.type());
        assertFalse(keyspace.exists(Key.of("key:5000")));
    }

    @Test
    void lruIdleTimeCountsFromTheLastAccessButNotFromPeeks() {
        AccessClock access = keyspace.accessClock();
        keyspace.set(k, new StringValue(b("v")));
        clock.advance(5_500);
        keyspace.accessClock().tick();
        assertEquals(5_000, access.idleMillis(keyspace.peek(k).access()));
        assertTrue(keyspace.exists(k));
        assertEquals(5_000, access.idleMillis(keyspace.peek(k).access()));
        keyspace.get(k);
        assertEquals(0, access.idleMillis(keyspace.peek(k).access()));
        clock.advance(3_000);
        keyspace.accessClock().tick();
        keyspace.set(k, new StringValue(b("w"))); // a write is an access under LRU
        assertEquals(0, access.idleMillis(keyspace.peek(k).access()));
    }

    @Test
    void lfuCounterStartsAtFiveGrowsOnFirstAccessAndDecaysPerMinute() {
        AccessClock access = keyspace.accessClock();
        // lfu-log-factor 0 makes every access count (p = 1 / (n * 0 + 1)), so each step below is certain.
        access.policy(() -> true, () -> 0, () -> 1);
        keyspace.set(k, new StringValue(b("v")));
        assertEquals(5, access.frequency(keyspace.peek(k).access()));
        keyspace.get(k);
        assertEquals(6, access.frequency(keyspace.peek(k).access()));
        // An overwrite is an access (as redis-server's lookupKeyWrite) and then keeps the counter under LFU.
        keyspace.set(k, new StringValue(b("w")));
        assertEquals(7, access.frequency(keyspace.peek(k).access()));
        clock.advance(3 * 60_000);
        keyspace.accessClock().tick();
        assertEquals(4, access.frequency(keyspace.peek(k).access()));
        clock.advance(10 * 60_000);
        keyspace.accessClock().tick();
        assertEquals(0, access.frequency(keyspace.peek(k).access()));
    }

    @Test
    void restoreSetsIdleTimeUnderLruAndFrequencyUnderLfu() {
        AccessClock access = keyspace.accessClock();
        keyspace.set(k, new StringValue(b("v")));
        keyspace.restoreAccess(k, 1000, -1);
        assertEquals(1_000_000, access.idleMillis(keyspace.peek(k).access()));
        access.policy(() -> true, () -> 10, () -> 1);
        keyspace.restoreAccess(k, -1, 100);
        assertEquals(100, access.frequency(keyspace.peek(k).access()));
        keyspace.restoreAccess(k, 50, -1); // IDLETIME is ignored under LFU
        assertEquals(100, access.frequency(keyspace.peek(k).access()));
    }

    @Test
    void renamingAValueKeepsItsBytesWithoutCopying() {
        byte[] bytes = b("payload");
        keyspace.set(k, new StringValue(bytes));
        RedisValue v = keyspace.lookup(k).value();
        keyspace.delete(k);
        keyspace.add(Key.of("k2"), v);
        assertSame(bytes, keyspace.get(Key.of("k2"), StringValue.class).bytes());
        assertNotSame(v, keyspace.get(Key.of("k2")));
    }
}
