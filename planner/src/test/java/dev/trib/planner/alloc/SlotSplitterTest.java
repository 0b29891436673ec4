package dev.trib.planner.alloc;

import dev.trib.planner.topology.SlotRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotSplitterTest {

    @Test
    void threeMastersSplitLikeRedisCli() {
        assertEquals(List.of(new SlotRange(0, 5460), new SlotRange(5461, 10922), new SlotRange(10923, 16383)),
                SlotSplitter.split(3));
    }

    @Test
    void fourFiveAndSevenMastersSplitLikeRedisCli() {
        assertEquals(List.of(new SlotRange(0, 4095), new SlotRange(4096, 8191), new SlotRange(8192, 12287),
                new SlotRange(12288, 16383)), SlotSplitter.split(4));
        assertEquals(List.of(new SlotRange(0, 3276), new SlotRange(3277, 6553), new SlotRange(6554, 9829),
                new SlotRange(9830, 13106), new SlotRange(13107, 16383)), SlotSplitter.split(5));
        assertEquals(List.of(new SlotRange(0, 2340), new SlotRange(2341, 4680), new SlotRange(4681, 7021),
                new SlotRange(7022, 9361), new SlotRange(9362, 11702), new SlotRange(11703, 14042),
                new SlotRange(14043, 16383)), SlotSplitter.split(7));
    }

    @Test
    void usesSinglePrecisionLikeRedisCli() {
        // With doubles this range would end at 14282; redis-cli's float cursor ends it at 14283.
        assertEquals(14283, SlotSplitter.split(78).get(67).end());
    }

    @ParameterizedTest(name = "{0} masters")
    @ValueSource(ints = {1, 3, 4, 5, 7, 100, 1000, 2687, 5000, 10000, 16384})
    void everySlotOnceInOrderAndSizesWithinOne(int masters) {
        List<SlotRange> ranges = SlotSplitter.split(masters);
        assertEquals(masters, ranges.size());
        int next = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (SlotRange r : ranges) {
            assertEquals(next, r.start(), "ranges must be contiguous");
            next = r.end() + 1;
            min = Math.min(min, r.size());
            max = Math.max(max, r.size());
        }
        assertEquals(16384, next);
        assertTrue(max - min <= 1, "sizes " + min + ".." + max);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> SlotSplitter.split(0));
        assertThrows(IllegalArgumentException.class, () -> SlotSplitter.split(16385));
    }
}
