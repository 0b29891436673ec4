package dev.trib.node.command.list;

import dev.trib.node.command.IndexRange;

/** Redis's index arithmetic for lists: negative indexes count from the tail. */
final class ListIndexes {
    private ListIndexes() {
    }

    /** The position for a possibly negative index, or -1 when outside the list. */
    static int resolve(long index, int size) {
        long i = index < 0 ? size + index : index;
        return i >= 0 && i < size ? (int) i : -1;
    }

    /**
     * The clamped inclusive range [start, end] for LRANGE/LTRIM arguments, or null when empty.
     */
    static int[] range(long start, long end, int size) {
        long first = IndexRange.first(start, end, size);
        return first < 0 ? null : new int[] {(int) first, (int) IndexRange.last(end, size)};
    }
}
