package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Writes {@link RespReply}s in the protocol the connection chose (its {@link #PROTOCOL} attribute, RESP2 when unset),
 * one connection's replies into one buffer until the next flush: a pipeline of 16 commands costs one buffer and one
 * pass down the pipeline rather than 16 of each. Anything else written (raw bytes of a replication stream, the empty
 * buffer before a close) first pushes the replies before it, so the order on the wire is the order of the writes.
 * A reply written with a real promise goes at once, so that promise completes when its bytes are written.
 */
public final class RespEncoder extends ChannelOutboundHandlerAdapter {
    /** The RESP version a connection speaks, set by HELLO and RESET. */
    public static final io.netty.util.AttributeKey<Integer> PROTOCOL = io.netty.util.AttributeKey.valueOf("resp");
    /** Past this many bytes the replies go down the pipeline before the flush (bounded buffer, early writability). */
    private static final int PUSH_AT = 64 * 1024;

    private ByteBuf pending;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof RespReply reply)) {
            push(ctx);
            ctx.write(msg, promise);
            return;
        }
        if (pending == null) {
            pending = ctx.alloc().ioBuffer(256);
        }
        Integer protocol = ctx.channel().attr(PROTOCOL).get();
        try {
            if (protocol == null) {
                reply.writeTo(pending);
            } else {
                reply.writeTo(pending, protocol);
            }
        } catch (RuntimeException e) {
            promise.tryFailure(e);
            throw e;
        }
        if (!promise.isVoid() || pending.readableBytes() >= PUSH_AT) {
            ByteBuf out = pending;
            pending = null;
            ctx.write(out, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        push(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        push(ctx);
        super.close(ctx, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private void push(ChannelHandlerContext ctx) {
        if (pending != null) {
            ByteBuf out = pending;
            pending = null;
            ctx.write(out, ctx.voidPromise());
        }
    }
}
