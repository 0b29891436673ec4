package dev.trib.node.replication;

/**
 * The replication backlog: a ring holding the last bytes of the replication stream, so a replica
 * that lost its link briefly can continue from its offset instead of loading a full copy.
 * Offsets follow Redis: the stream's first byte has offset 1 and {@link #endOffset} is the last.
 */
final class Backlog {
    private final byte[] ring;
    private int next;
    private long histlen;
    private long endOffset;

    Backlog(int size, long endOffset) {
        this.ring = new byte[size];
        this.endOffset = endOffset;
    }

    void append(byte[] b, int off, int len) {
        endOffset += len;
        histlen = Math.min(ring.length, histlen + len);
        if (len >= ring.length) {
            System.arraycopy(b, off + len - ring.length, ring, 0, ring.length);
            next = 0;
            return;
        }
        int first = Math.min(len, ring.length - next);
        System.arraycopy(b, off, ring, next, first);
        System.arraycopy(b, off + first, ring, 0, len - first);
        next = (next + len) % ring.length;
    }

    long endOffset() {
        return endOffset;
    }

    long histlen() {
        return histlen;
    }

    long size() {
        return ring.length;
    }

    /** Offset of the oldest byte held. */
    long firstByteOffset() {
        return endOffset - histlen + 1;
    }

    /** Whether a replica that needs bytes from {@code offset} on can be served from here. */
    boolean covers(long offset) {
        return offset >= firstByteOffset() && offset <= endOffset + 1;
    }

    /** The bytes from {@code offset} to the end; {@link #covers} must hold. */
    byte[] from(long offset) {
        int len = (int) (endOffset + 1 - offset);
        byte[] out = new byte[len];
        int start = Math.floorMod(next - len, ring.length);
        int first = Math.min(len, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, len - first);
        return out;
    }
}
