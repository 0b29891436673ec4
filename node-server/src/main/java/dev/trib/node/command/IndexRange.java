package dev.trib.node.command;

/**
 * LRANGE, LTRIM, ZRANGE and ZREMRANGEBYRANK's inclusive index range start..end: negative indexes count from the end,
 * and the range is clamped to the elements there are. Two calls instead of a pair object, so the command path
 * allocates nothing.
 */
public final class IndexRange {
    private IndexRange() {
    }

    /** The range's first index among {@code size} elements, or -1 when the range holds none. */
    public static long first(long start, long end, long size) {
        long s = Math.max(start < 0 ? start + size : start, 0);
        long e = end < 0 ? end + size : end;
        return s > e || s >= size ? -1 : s;
    }

    /** The range's last index, for a range {@link #first} found not empty. */
    public static long last(long end, long size) {
        return Math.min(end < 0 ? end + size : end, size - 1);
    }
}
