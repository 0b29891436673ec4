package dev.trib.planner.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotSetTest {

    @Test
    void parseAndToStringRoundTrip() {
        SlotSet s = SlotSet.parse("0-5460,5462");
        assertEquals("0-5460,5462", s.toString());
        assertEquals(5462, s.size());
        assertEquals(s, SlotSet.parse(s.toString()));
    }

    @Test
    void printsMaximalRunsWhateverTheInputTokens() {
        assertEquals("3-5", SlotSet.parse("5 3 4").toString());
        assertEquals("0-10", SlotSet.parse("0-5 6-10").toString());
        assertEquals("0-10", SlotSet.parse("0-7,3-10").toString());
        assertEquals("1,3,5-6", SlotSet.of(6, 1, 5, 3).toString());
        assertEquals(List.of(new SlotRange(1, 1), new SlotRange(3, 3), new SlotRange(5, 6)),
                SlotSet.of(6, 1, 5, 3).ranges());
    }

    @Test
    void allHoldsEverySlotAndEmptyNone() {
        assertEquals(16384, SlotSet.ALL.size());
        assertEquals("0-16383", SlotSet.ALL.toString());
        assertEquals(List.of(new SlotRange(0, 16383)), SlotSet.ALL.ranges());
        assertEquals(0, SlotSet.EMPTY.size());
        assertTrue(SlotSet.EMPTY.isEmpty());
        assertEquals("", SlotSet.EMPTY.toString());
        assertEquals(SlotSet.EMPTY, SlotSet.parse(""));
        assertEquals(SlotSet.EMPTY, SlotSet.parse("  "));
    }

    @Test
    void unionMinusIntersect() {
        SlotSet a = SlotSet.range(0, 10);
        SlotSet b = SlotSet.range(5, 20);
        assertEquals("0-20", a.union(b).toString());
        assertEquals("0-4", a.minus(b).toString());
        assertEquals("11-20", b.minus(a).toString());
        assertEquals("5-10", a.intersect(b).toString());
        assertEquals("0-10", a.toString(), "operations must not change the receiver");
    }

    @Test
    void complement() {
        assertEquals("0-99,201-16383", SlotSet.range(100, 200).complement().toString());
        assertEquals(SlotSet.ALL, SlotSet.EMPTY.complement());
        assertEquals(SlotSet.EMPTY, SlotSet.ALL.complement());
        assertEquals(16384 - 101, SlotSet.range(100, 200).complement().size());
    }

    @Test
    void containsIsFalseOutsideTheSlotRange() {
        SlotSet s = SlotSet.of(0, 16383);
        assertTrue(s.contains(0));
        assertTrue(s.contains(16383));
        assertFalse(s.contains(1));
        assertFalse(s.contains(-1));
        assertFalse(s.contains(16384));
    }

    @Test
    void buildsFromRangesAndCollections() {
        assertEquals("1-3,7", SlotSet.ofRanges(List.of(new SlotRange(1, 3), SlotRange.of(7))).toString());
        assertEquals("2,4", SlotSet.of(List.of(4, 2)).toString());
        assertArrayEquals(new int[] {2, 4}, SlotSet.of(4, 2).toArray());
        assertEquals(6, SlotSet.of(4, 2).stream().sum());
    }

    @Test
    void equalityIsBySlots() {
        assertEquals(SlotSet.parse("1-3"), SlotSet.of(3, 2, 1));
        assertEquals(SlotSet.parse("1-3").hashCode(), SlotSet.of(3, 2, 1).hashCode());
        assertNotEquals(SlotSet.parse("1-3"), SlotSet.parse("1-4"));
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"x", "5-3", "16384", "-1", "1-2-3", "0-16384", "1-"})
    void rejectsBadTokens(String text) {
        assertThrows(IllegalArgumentException.class, () -> SlotSet.parse(text));
    }

    @Test
    void rejectsOutOfRangeSlots() {
        assertThrows(IllegalArgumentException.class, () -> SlotSet.of(16384));
        assertThrows(IllegalArgumentException.class, () -> SlotSet.of(-1));
        assertThrows(IllegalArgumentException.class, () -> SlotSet.range(10, 9));
    }

    @Test
    void slotRangeBasics() {
        SlotRange r = new SlotRange(5461, 10922);
        assertEquals(5462, r.size());
        assertTrue(r.contains(5461));
        assertTrue(r.contains(10922));
        assertFalse(r.contains(10923));
        assertEquals("5461-10922", r.toString());
        assertEquals("7", SlotRange.of(7).toString());
    }

    @Test
    void slotRangeOrderIsConsistentWithEquals() {
        TreeSet<SlotRange> set = new TreeSet<>(List.of(new SlotRange(1, 3), new SlotRange(1, 2), new SlotRange(0, 9)));
        assertEquals(List.of(new SlotRange(0, 9), new SlotRange(1, 2), new SlotRange(1, 3)), List.copyOf(set));
    }
}
