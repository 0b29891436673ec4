package dev.trib.planner.topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;

/** An immutable set of hash slots. Prints as maximal contiguous runs, which redis-cli's agreement check relies on. */
public final class SlotSet {
    public static final SlotSet EMPTY = new SlotSet(new BitSet());
    public static final SlotSet ALL = range(0, KeySlots.MAX);

    private final BitSet bits;

    private SlotSet(BitSet bits) {
        this.bits = bits;
    }

    public static SlotSet of(int... slots) {
        BitSet b = new BitSet(KeySlots.COUNT);
        for (int s : slots) {
            b.set(KeySlots.checkSlot(s));
        }
        return new SlotSet(b);
    }

    public static SlotSet of(Collection<Integer> slots) {
        BitSet b = new BitSet(KeySlots.COUNT);
        for (int s : slots) {
            b.set(KeySlots.checkSlot(s));
        }
        return new SlotSet(b);
    }

    public static SlotSet range(int start, int end) {
        SlotRange r = new SlotRange(start, end);
        BitSet b = new BitSet(KeySlots.COUNT);
        b.set(r.start(), r.end() + 1);
        return new SlotSet(b);
    }

    public static SlotSet ofRanges(Collection<SlotRange> ranges) {
        if (ranges.isEmpty()) {
            return EMPTY;
        }
        // Sized by its highest slot, not 16384 bits: a 250-node check holds one set per line of every view.
        BitSet b = new BitSet();
        for (SlotRange r : ranges) {
            b.set(r.start(), r.end() + 1);
        }
        return new SlotSet(b);
    }

    /** Parses {@code 0-5460,5462} or space-separated tokens; the inverse of {@link #toString()}. */
    public static SlotSet parse(String text) {
        BitSet b = new BitSet(KeySlots.COUNT);
        for (String token : text.trim().split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            SlotRange r = parseRange(token);
            b.set(r.start(), r.end() + 1);
        }
        return new SlotSet(b);
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

    /** False for numbers outside 0-16383 (BitSet.get would throw for negative ones). */
    public boolean contains(int slot) {
        return slot >= 0 && slot < KeySlots.COUNT && bits.get(slot);
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    public int size() {
        return bits.cardinality();
    }

    public SlotSet union(SlotSet other) {
        BitSet b = (BitSet) bits.clone();
        b.or(other.bits);
        return new SlotSet(b);
    }

    public SlotSet minus(SlotSet other) {
        BitSet b = (BitSet) bits.clone();
        b.andNot(other.bits);
        return new SlotSet(b);
    }

    public SlotSet intersect(SlotSet other) {
        BitSet b = (BitSet) bits.clone();
        b.and(other.bits);
        return new SlotSet(b);
    }

    /** The slots not in this set. */
    public SlotSet complement() {
        return ALL.minus(this);
    }

    public IntStream stream() {
        return bits.stream();
    }

    public int[] toArray() {
        return bits.stream().toArray();
    }

    public List<SlotRange> ranges() {
        List<SlotRange> out = new ArrayList<>();
        int start = bits.nextSetBit(0);
        while (start >= 0) {
            int end = bits.nextClearBit(start) - 1;
            out.add(new SlotRange(start, end));
            start = bits.nextSetBit(end + 1);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotSet other && bits.equals(other.bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    /**
     * The runs while there are at most {@code maxRanges} of them, else a count that stays short however scattered
     * the slots are ({@code 1,204 slots in 892 ranges}): for lines that must not wrap.
     */
    public String summary(int maxRanges) {
        List<SlotRange> runs = ranges();
        if (runs.size() <= maxRanges) {
            return toString();
        }
        return String.format(java.util.Locale.ROOT, "%,d slots in %,d ranges", size(), runs.size());
    }

    /** Comma-separated maximal runs, e.g. {@code 0-5460,5462}; empty string when empty. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (SlotRange r : ranges()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }
}
