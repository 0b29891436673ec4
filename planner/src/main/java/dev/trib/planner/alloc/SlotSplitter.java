package dev.trib.planner.alloc;

import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.SlotRange;

import java.util.ArrayList;
import java.util.List;

/** Splits the 16384 slots into contiguous ranges for new masters, exactly as redis-cli --cluster create does. */
public final class SlotSplitter {
    private SlotSplitter() {
    }

    /**
     * Range {@code i} goes to master {@code i}. redis-cli computes the split in single-precision floats
     * ({@code last = lround(cursor + spn - 1)}); this reproduces it bit for bit, so plans match redis-cli's. From about
     * 2700 masters float drift makes redis-cli's ranges uneven (and invalid from 7542); only then an exact integer
     * rounding of the same formula is used instead.
     */
    public static List<SlotRange> split(int masters) {
        if (masters < 1 || masters > KeySlots.COUNT) {
            throw new IllegalArgumentException("cannot split " + KeySlots.COUNT + " slots among " + masters + " masters");
        }
        List<SlotRange> ranges = redisCliSplit(masters);
        return isEven(ranges) ? ranges : exactSplit(masters);
    }

    private static List<SlotRange> redisCliSplit(int masters) {
        List<SlotRange> ranges = new ArrayList<>(masters);
        float slotsPerNode = KeySlots.COUNT / (float) masters;
        float cursor = 0.0f;
        long first = 0;
        for (int i = 0; i < masters; i++) {
            // Math.round equals C lround here: the argument is never a negative half.
            long last = Math.round((double) (cursor + slotsPerNode - 1));
            if (last > KeySlots.MAX || i == masters - 1) {
                last = KeySlots.MAX;
            }
            if (last < first) {
                last = first;
            }
            if (last > KeySlots.MAX) {
                return List.of();
            }
            ranges.add(new SlotRange((int) first, (int) last));
            first = last + 1;
            cursor += slotsPerNode;
        }
        return ranges;
    }

    /** last(i) = round((i + 1) * 16384 / masters - 1) in exact integer arithmetic. */
    private static List<SlotRange> exactSplit(int masters) {
        List<SlotRange> ranges = new ArrayList<>(masters);
        int first = 0;
        for (int i = 0; i < masters; i++) {
            int last = (int) Math.floorDiv(2L * (i + 1) * KeySlots.COUNT - masters, 2L * masters);
            ranges.add(new SlotRange(first, last));
            first = last + 1;
        }
        return ranges;
    }

    private static boolean isEven(List<SlotRange> ranges) {
        if (ranges.isEmpty()) {
            return false;
        }
        int min = ranges.stream().mapToInt(SlotRange::size).min().orElseThrow();
        int max = ranges.stream().mapToInt(SlotRange::size).max().orElseThrow();
        return max - min <= 1;
    }
}
