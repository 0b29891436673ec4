package dev.trib.node.resp;

/**
 * Hard limits the decoder enforces before it allocates anything for a request.
 *
 * @param maxMultibulkLength largest accepted {@code *N} count
 * @param maxBulkLength      largest accepted {@code $len}, Redis's {@code proto-max-bulk-len}
 * @param maxInlineLength    longest inline command line, and the longest {@code *}/{@code $} header
 *                           line the decoder will search for its CR (Redis's PROTO_INLINE_MAX_SIZE)
 */
public record RespLimits(int maxMultibulkLength, long maxBulkLength, int maxInlineLength) {
    public static final int DEFAULT_MAX_MULTIBULK_LENGTH = 1024 * 1024;
    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_INLINE_LENGTH = 64 * 1024;

    public RespLimits {
        if (maxMultibulkLength < 1 || maxBulkLength < 1 || maxInlineLength < 1) {
            throw new IllegalArgumentException("RESP limits must be positive");
        }
        if (maxBulkLength > Integer.MAX_VALUE - 2) {
            // A Java array cannot hold more; Redis's own ceiling is configurable too.
            throw new IllegalArgumentException("maxBulkLength above " + (Integer.MAX_VALUE - 2));
        }
    }

    public static RespLimits defaults() {
        return new RespLimits(DEFAULT_MAX_MULTIBULK_LENGTH, DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_INLINE_LENGTH);
    }

    public RespLimits withMaxBulkLength(long value) {
        return new RespLimits(maxMultibulkLength, value, maxInlineLength);
    }
}
