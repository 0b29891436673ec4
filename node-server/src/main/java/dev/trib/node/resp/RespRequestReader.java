package dev.trib.node.resp;

import dev.trib.node.text.IntegerText;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads requests (RESP2 multibulk and inline commands) into {@link RespCommand}s: the one request reader, behind
 * the client connections' {@link RespDecoder}, the replica's stream from its master and the AOF loader.
 *
 * <p>An explicit state machine: a header line is consumed only when complete, a bulk body only
 * when all of it and its CRLF have arrived; otherwise the reader returns and waits, leaving the
 * bytes in the caller's buffer. Every limit is checked before anything is allocated, and no
 * collection is ever sized from a count the client sent. Malformed input produces one
 * {@link RespProtocolError} (after the commands that preceded it) and everything after it is dropped.
 *
 * <p>Framing quirks follow Redis 7.0: header lines end at the first CR (the byte after it is skipped
 * unchecked, as is the CRLF after a bulk body); a NUL byte hides a line end, because Redis searches
 * with strchr(); {@code *0} and {@code *-1} are empty requests, as are blank inline lines.
 */
public final class RespRequestReader {
    private enum State { REQUEST, ARG_HEADER, ARG_BODY, FAILED }

    /** Initial capacity of an argument list; it grows as arguments actually arrive. */
    private static final int INITIAL_ARGS = 8;

    private final RespLimits limits;
    /** A header's number, copied out of the buffer for parsing: one array per connection, not one per header. */
    private final byte[] digits = new byte[IntegerText.MAX_LENGTH];
    private State state = State.REQUEST;
    private long argsLeft;
    private int bulkLength;
    private List<byte[]> args;
    /** What the last step produced: a RespCommand or a RespProtocolError. */
    private Object ready;

    public RespRequestReader(RespLimits limits) {
        this.limits = limits;
    }

    /**
     * Consumes bytes from {@code in} up to the end of the next complete request and returns it: a
     * {@link RespCommand}, or once a {@link RespProtocolError} after which all input is dropped. Returns null when
     * {@code in} holds no complete request; the part of one already read is kept in this reader, so the next call
     * goes on from there with more bytes (nothing is scanned twice).
     */
    public Object next(ByteBuf in) {
        boolean progress = true;
        while (progress && ready == null && in.isReadable()) {
            progress = switch (state) {
                case REQUEST -> in.getByte(in.readerIndex()) == '*' ? multibulkCount(in) : inline(in);
                case ARG_HEADER -> argHeader(in);
                case ARG_BODY -> argBody(in);
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    yield false;
                }
            };
        }
        Object out = ready;
        ready = null;
        return out;
    }

    /** True between the first and the last byte of a request: part of one has been consumed. */
    public boolean midRequest() {
        return state == State.ARG_HEADER || state == State.ARG_BODY;
    }

    private boolean multibulkCount(ByteBuf in) {
        int cr = findLineEnd(in, (byte) '\r');
        if (cr < 0) {
            return waitOrFail(in, "too big mbulk count string");
        }
        if (cr + 1 >= in.writerIndex()) {
            return false;
        }
        Long count = parseNumber(in, in.readerIndex() + 1, cr);
        if (count == null || count > limits.maxMultibulkLength()) {
            return fail(in, "invalid multibulk length");
        }
        in.readerIndex(cr + 2);
        if (count <= 0) {
            return true;
        }
        argsLeft = count;
        args = new ArrayList<>((int) Math.min(count, INITIAL_ARGS));
        state = State.ARG_HEADER;
        return true;
    }

    private boolean argHeader(ByteBuf in) {
        int cr = findLineEnd(in, (byte) '\r');
        if (cr < 0) {
            return waitOrFail(in, "too big bulk count string");
        }
        if (cr + 1 >= in.writerIndex()) {
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first != '$') {
            return fail(in, "expected '$', got '" + (char) (first & 0xff) + "'");
        }
        Long length = parseNumber(in, in.readerIndex() + 1, cr);
        if (length == null || length < 0 || length > limits.maxBulkLength()) {
            return fail(in, "invalid bulk length");
        }
        in.readerIndex(cr + 2);
        bulkLength = (int) (long) length;
        state = State.ARG_BODY;
        return true;
    }

    private boolean argBody(ByteBuf in) {
        if (in.readableBytes() < (long) bulkLength + 2) {
            return false;
        }
        byte[] arg = new byte[bulkLength];
        in.readBytes(arg);
        in.skipBytes(2);
        args.add(arg);
        if (--argsLeft > 0) {
            state = State.ARG_HEADER;
            return true;
        }
        ready = new RespCommand(args);
        args = null;
        state = State.REQUEST;
        return true;
    }

    private boolean inline(ByteBuf in) {
        int newline = findLineEnd(in, (byte) '\n');
        if (newline < 0) {
            return waitOrFail(in, "too big inline request");
        }
        int start = in.readerIndex();
        int end = newline;
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        List<byte[]> inlineArgs = InlineSplitter.split(line);
        if (inlineArgs == null) {
            return fail(in, "unbalanced quotes in request");
        }
        in.readerIndex(newline + 1);
        if (!inlineArgs.isEmpty()) {
            ready = new RespCommand(inlineArgs);
        }
        return true;
    }

    /**
     * Index of the first {@code terminator} within the first maxInlineLength readable bytes, or -1.
     * A NUL byte before it counts as "not found", matching strchr() on Redis's query buffer.
     */
    private int findLineEnd(ByteBuf in, byte terminator) {
        int window = Math.min(in.readableBytes(), limits.maxInlineLength());
        int index = in.forEachByte(in.readerIndex(), window, b -> b != terminator && b != 0);
        if (index < 0 || in.getByte(index) == 0) {
            return -1;
        }
        return index;
    }

    /** No line end yet: keep waiting unless more than a whole line's worth is already buffered. */
    private boolean waitOrFail(ByteBuf in, String detail) {
        if (in.readableBytes() > limits.maxInlineLength()) {
            return fail(in, detail);
        }
        return false;
    }

    private boolean fail(ByteBuf in, String detail) {
        state = State.FAILED;
        args = null;
        in.skipBytes(in.readableBytes());
        ready = new RespProtocolError(detail);
        return false;
    }

    /** Strict integer between two buffer indexes; over-long text is rejected before copying. */
    private Long parseNumber(ByteBuf in, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > IntegerText.MAX_LENGTH) {
            return null;
        }
        in.getBytes(from, digits, 0, len);
        return IntegerText.parse(digits, 0, len);
    }
}
