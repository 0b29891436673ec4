package dev.trib.planner.topology;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SlotSet (held as runs) against the obvious model, a bitmap, over random sets of clustered and scattered slots. */
class SlotSetPropertyTest {
    private final Random random = new Random(16384);

    @Test
    void behavesAsABitmapOfSlots() {
        for (int round = 0; round < 400; round++) {
            BitSet a = randomBits();
            BitSet b = randomBits();
            SlotSet sa = build(a);
            SlotSet sb = build(b);
            assertSame(a, sa);
            assertSame(or(a, b), sa.union(sb));
            assertSame(andNot(a, b), sa.minus(sb));
            assertSame(and(a, b), sa.intersect(sb));
            BitSet all = new BitSet();
            all.set(0, KeySlots.COUNT);
            assertSame(andNot(all, a), sa.complement());
            assertEquals(a.equals(b), sa.equals(sb));
            assertEquals(sa, SlotSet.parse(sa.toString()));
            assertEquals(sa.hashCode(), SlotSet.parse(sa.toString()).hashCode());
            for (int probe = -2; probe < KeySlots.COUNT + 2; probe += 1 + random.nextInt(50)) {
                assertEquals(probe >= 0 && a.get(probe), sa.contains(probe), "contains " + probe);
            }
        }
    }

    /** Half the time from adjacent or overlapping ranges in random order, half from single slots. */
    private SlotSet build(BitSet bits) {
        if (random.nextBoolean()) {
            return SlotSet.of(bits.stream().toArray());
        }
        List<SlotRange> ranges = new ArrayList<>();
        for (SlotRange r : SlotSet.of(bits.stream().toArray()).ranges()) {
            int cut = r.start() + random.nextInt(r.size());
            ranges.add(new SlotRange(r.start(), cut));
            int next = Math.max(r.start(), cut + 1 - random.nextInt(3)); // adjacent or overlapping
            if (next <= r.end()) {
                ranges.add(new SlotRange(next, r.end()));
            }
        }
        java.util.Collections.shuffle(ranges, random);
        return SlotSet.ofRanges(ranges);
    }

    private BitSet randomBits() {
        BitSet b = new BitSet();
        int runs = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 4 : 300);
        for (int i = 0; i < runs; i++) {
            int start = random.nextInt(KeySlots.COUNT);
            int length = 1 + random.nextInt(random.nextBoolean() ? 3 : 2000);
            b.set(start, Math.min(KeySlots.COUNT, start + length));
        }
        return b;
    }

    private static void assertSame(BitSet expected, SlotSet actual) {
        assertArrayEquals(expected.stream().toArray(), actual.toArray());
        assertArrayEquals(expected.stream().toArray(), actual.stream().toArray());
        assertEquals(expected.cardinality(), actual.size());
        assertEquals(expected.isEmpty(), actual.isEmpty());
        List<SlotRange> runs = actual.ranges();
        for (int i = 1; i < runs.size(); i++) {
            // maximal: a gap of at least one slot between runs
            assertEquals(true, runs.get(i).start() > runs.get(i - 1).end() + 1, "runs " + runs);
        }
    }

    private static BitSet or(BitSet a, BitSet b) {
        BitSet c = (BitSet) a.clone();
        c.or(b);
        return c;
    }

    private static BitSet and(BitSet a, BitSet b) {
        BitSet c = (BitSet) a.clone();
        c.and(b);
        return c;
    }

    private static BitSet andNot(BitSet a, BitSet b) {
        BitSet c = (BitSet) a.clone();
        c.andNot(b);
        return c;
    }
}
