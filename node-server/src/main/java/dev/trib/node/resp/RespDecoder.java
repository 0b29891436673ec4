package dev.trib.node.resp;

import dev.trib.node.text.IntegerText;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes client requests (RESP2 multibulk and inline commands) into {@link RespCommand}s.
 *
 * <p>An explicit state machine: a header line is consumed only when complete, a bulk body only
 * when all of it and its CRLF have arrived; otherwise the decoder returns and waits, leaving the
 * bytes in Netty's cumulation buffer. Every limit is checked before anything is allocated, and no
 * collection is ever sized from a count the client sent. Malformed input produces one
 * {@link RespProtocolError} (after the commands that preceded it) and everything after it is dropped.
 *
 * <p>Framing quirks follow Redis 7.0: header lines end at the first CR (the byte after it is skipped
 * unchecked, as is the CRLF after a bulk body); a NUL byte hides a line end, because Redis searches
 * with strchr(); {@code *0} and {@code *-1} are empty requests, as are blank inline lines.
 */
public final class RespDecoder extends ByteToMessageDecoder {
    private enum State { REQUEST, ARG_HEADER, ARG_BODY, FAILED }

    /** Initial capacity of an argument list; it grows as arguments actually arrive. */
    private static final int INITIAL_ARGS = 8;

    private final RespLimits limits;
    private State state = State.REQUEST;
    private long argsLeft;
    private int bulkLength;
    private List<byte[]> args;

    public RespDecoder(RespLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress = true;
        while (progress && in.isReadable()) {
            progress = switch (state) {
                case REQUEST -> in.getByte(in.readerIndex()) == '*' ? multibulkCount(in, out) : inline(in, out);
                case ARG_HEADER -> argHeader(in, out);
                case ARG_BODY -> argBody(in, out);
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    yield false;
                }
            };
        }
    }

    private boolean multibulkCount(ByteBuf in, List<Object> out) {
        int cr = findLineEnd(in, (byte) '\r');
        if (cr < 0) {
            return waitOrFail(in, out, "too big mbulk count string");
        }
        if (cr + 1 >= in.writerIndex()) {
            return false;
        }
        Long count = parseNumber(in, in.readerIndex() + 1, cr);
        if (count == null || count > limits.maxMultibulkLength()) {
            return fail(in, out, "invalid multibulk length");
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

    private boolean argHeader(ByteBuf in, List<Object> out) {
        int cr = findLineEnd(in, (byte) '\r');
        if (cr < 0) {
            return waitOrFail(in, out, "too big bulk count string");
        }
        if (cr + 1 >= in.writerIndex()) {
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first != '$') {
            return fail(in, out, "expected '$', got '" + (char) (first & 0xff) + "'");
        }
        Long length = parseNumber(in, in.readerIndex() + 1, cr);
        if (length == null || length < 0 || length > limits.maxBulkLength()) {
            return fail(in, out, "invalid bulk length");
        }
        in.readerIndex(cr + 2);
        bulkLength = (int) (long) length;
        state = State.ARG_BODY;
        return true;
    }

    private boolean argBody(ByteBuf in, List<Object> out) {
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
        out.add(new RespCommand(args));
        args = null;
        state = State.REQUEST;
        return true;
    }

    private boolean inline(ByteBuf in, List<Object> out) {
        int newline = findLineEnd(in, (byte) '\n');
        if (newline < 0) {
            return waitOrFail(in, out, "too big inline request");
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
            return fail(in, out, "unbalanced quotes in request");
        }
        in.readerIndex(newline + 1);
        if (!inlineArgs.isEmpty()) {
            out.add(new RespCommand(inlineArgs));
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
    private boolean waitOrFail(ByteBuf in, List<Object> out, String detail) {
        if (in.readableBytes() > limits.maxInlineLength()) {
            return fail(in, out, detail);
        }
        return false;
    }

    private boolean fail(ByteBuf in, List<Object> out, String detail) {
        state = State.FAILED;
        args = null;
        in.skipBytes(in.readableBytes());
        out.add(new RespProtocolError(detail));
        return false;
    }

    /** Strict integer between two buffer indexes; over-long text is rejected before copying. */
    private static Long parseNumber(ByteBuf in, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > IntegerText.MAX_LENGTH) {
            return null;
        }
        byte[] digits = new byte[len];
        in.getBytes(from, digits);
        return IntegerText.parse(digits);
    }
}
