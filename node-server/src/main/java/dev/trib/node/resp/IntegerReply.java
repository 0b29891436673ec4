package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;

/** {@code :n\r\n}. Small values are shared and pre-encoded: counters and 0/1 flags dominate traffic. */
public final class IntegerReply implements RespReply {
    private static final int CACHE_LOW = -1;
    private static final int CACHE_HIGH = 1024;
    private static final IntegerReply[] CACHE = new IntegerReply[CACHE_HIGH - CACHE_LOW + 1];

    static {
        for (int i = CACHE_LOW; i <= CACHE_HIGH; i++) {
            CACHE[i - CACHE_LOW] = new IntegerReply(i, true);
        }
    }

    private final long value;
    private final byte[] wire;

    private IntegerReply(long value, boolean preEncode) {
        this.value = value;
        this.wire = preEncode ? RespWire.encode(out -> RespWire.writeHeader(out, ':', value)) : null;
    }

    public static IntegerReply of(long value) {
        if (value >= CACHE_LOW && value <= CACHE_HIGH) {
            return CACHE[(int) value - CACHE_LOW];
        }
        return new IntegerReply(value, false);
    }

    public long value() {
        return value;
    }

    @Override
    public void writeTo(ByteBuf out) {
        if (wire != null) {
            out.writeBytes(wire);
        } else {
            RespWire.writeHeader(out, ':', value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntegerReply i && i.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return ":" + value;
    }
}
