package dev.trib.planner.topology;

/** An inclusive run of hash slots, {@code start-end}. */
public record SlotRange(int start, int end) implements Comparable<SlotRange> {

    public SlotRange {
        KeySlots.checkSlot(start);
        KeySlots.checkSlot(end);
        if (end < start) {
            throw new IllegalArgumentException("slot range " + start + "-" + end + " ends before it starts");
        }
    }

    public static SlotRange of(int slot) {
        return new SlotRange(slot, slot);
    }

    public int size() {
        return end - start + 1;
    }

    public boolean contains(int slot) {
        return slot >= start && slot <= end;
    }

    /** By start, then end: consistent with equals, so distinct ranges never collapse in sorted sets. */
    @Override
    public int compareTo(SlotRange o) {
        int byStart = Integer.compare(start, o.start);
        return byStart != 0 ? byStart : Integer.compare(end, o.end);
    }

    /** {@code 5} for a single slot, {@code 0-5460} otherwise, as CLUSTER NODES prints them. */
    @Override
    public String toString() {
        return start == end ? Integer.toString(start) : start + "-" + end;
    }
}
