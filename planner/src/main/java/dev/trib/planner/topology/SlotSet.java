package dev.trib.planner.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An immutable set of hash slots. Prints as maximal contiguous runs, which redis-cli's agreement check relies on.
 * Held as those runs, not as a bitmap: a check of N nodes keeps one set per master line of every node's view (N²/2
 * sets), and a master's slots are one or a few runs. At 150 nodes bitmaps were ~20 MB that every young collection
 * of the check copied again; runs are a few bytes each and compare in a few instructions.
 */
public final class SlotSet {
    private static final int[] NO_RUNS = new int[0];
    public static final SlotSet EMPTY = new SlotSet(NO_RUNS);
    public static final SlotSet ALL = range(0, KeySlots.MAX);

    /** start, end, start, end ...: ascending, maximal (a gap of at least one slot between runs). */
    private final int[] runs;
    private final int size;

    private SlotSet(int[] runs) {
        this.runs = runs;
        int n = 0;
        for (int i = 0; i < runs.length; i += 2) {
            n += runs[i + 1] - runs[i] + 1;
        }
        this.size = n;
    }

    public static SlotSet of(int... slots) {
        BitSet b = new BitSet(KeySlots.COUNT);
        for (int s : slots) {
            b.set(KeySlots.checkSlot(s));
        }
        return fromBits(b);
    }

    public static SlotSet of(Collection<Integer> slots) {
        BitSet b = new BitSet(KeySlots.COUNT);
        for (int s : slots) {
            b.set(KeySlots.checkSlot(s));
        }
        return fromBits(b);
    }

    public static SlotSet range(int start, int end) {
        SlotRange r = new SlotRange(start, end);
        return new SlotSet(new int[] {r.start(), r.end()});
    }

    /** Ranges in any order, overlapping or adjacent ones merged. */
    public static SlotSet ofRanges(Collection<SlotRange> ranges) {
        if (ranges.isEmpty()) {
            return EMPTY;
        }
        SlotRange[] sorted = ranges.toArray(new SlotRange[0]);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].start() < sorted[i - 1].start()) {
                Arrays.sort(sorted);
                break;
            }
        }
        int[] out = new int[sorted.length * 2];
        int n = 0;
        for (SlotRange r : sorted) {
            if (n > 0 && r.start() <= out[n - 1] + 1) {
                out[n - 1] = Math.max(out[n - 1], r.end());
            } else {
                out[n++] = r.start();
                out[n++] = r.end();
            }
        }
        return new SlotSet(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** Parses {@code 0-5460,5462} or space-separated tokens; the inverse of {@link #toString()}. */
    public static SlotSet parse(String text) {
        List<SlotRange> ranges = new ArrayList<>();
        for (String token : text.trim().split("[,\\s]+")) {
            if (!token.isEmpty()) {
                ranges.add(parseRange(token));
            }
        }
        return ofRanges(ranges);
    }

    static SlotRange parseRange(String token) {
        int dash = token.indexOf('-');
        try {
            if (dash < 0) {
                return SlotRange.of(Integer.parseInt(token));
            }
            return new SlotRange(Integer.parseInt(token.substring(0, dash)), Integer.parseInt(token.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + token + "' is not a slot or slot range");
        }
    }

    private static SlotSet fromBits(BitSet b) {
        if (b.isEmpty()) {
            return EMPTY;
        }
        int[] out = new int[8];
        int n = 0;
        for (int start = b.nextSetBit(0); start >= 0; start = b.nextSetBit(start)) {
            int end = b.nextClearBit(start) - 1;
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = start;
            out[n++] = end;
            start = end + 1;
        }
        return new SlotSet(Arrays.copyOf(out, n));
    }

    private BitSet bits() {
        BitSet b = new BitSet(KeySlots.COUNT);
        for (int i = 0; i < runs.length; i += 2) {
            b.set(runs[i], runs[i + 1] + 1);
        }
        return b;
    }

    /** False for numbers outside 0-16383. */
    public boolean contains(int slot) {
        int lo = 0;
        int hi = runs.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (slot < runs[2 * mid]) {
                hi = mid - 1;
            } else if (slot > runs[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public SlotSet union(SlotSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        BitSet b = bits();
        b.or(other.bits());
        return fromBits(b);
    }

    public SlotSet minus(SlotSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        BitSet b = bits();
        b.andNot(other.bits());
        return fromBits(b);
    }

    public SlotSet intersect(SlotSet other) {
        if (other.isEmpty() || isEmpty()) {
            return EMPTY;
        }
        BitSet b = bits();
        b.and(other.bits());
        return fromBits(b);
    }

    /** The slots not in this set. */
    public SlotSet complement() {
        return ALL.minus(this);
    }

    public IntStream stream() {
        IntStream.Builder out = IntStream.builder();
        for (int i = 0; i < runs.length; i += 2) {
            for (int s = runs[i]; s <= runs[i + 1]; s++) {
                out.add(s);
            }
        }
        return out.build();
    }

    public int[] toArray() {
        int[] out = new int[size];
        int n = 0;
        for (int i = 0; i < runs.length; i += 2) {
            for (int s = runs[i]; s <= runs[i + 1]; s++) {
                out[n++] = s;
            }
        }
        return out;
    }

    public List<SlotRange> ranges() {
        List<SlotRange> out = new ArrayList<>(runs.length / 2);
        for (int i = 0; i < runs.length; i += 2) {
            out.add(new SlotRange(runs[i], runs[i + 1]));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotSet other && Arrays.equals(runs, other.runs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(runs);
    }

    /**
     * The runs while there are at most {@code maxRanges} of them, else a count that stays short however scattered
     * the slots are ({@code 1,204 slots in 892 ranges}): for lines that must not wrap.
     */
    public String summary(int maxRanges) {
        int count = runs.length / 2;
        if (count <= maxRanges) {
            return toString();
        }
        return String.format(java.util.Locale.ROOT, "%,d slots in %,d ranges", size, count);
    }

    /** Comma-separated maximal runs, e.g. {@code 0-5460,5462}; empty string when empty. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < runs.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(runs[i]);
            if (runs[i + 1] != runs[i]) {
                sb.append('-').append(runs[i + 1]);
            }
        }
        return sb.toString();
    }
}
