package dev.trib.node.resp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.buffer.ByteBuf;

/**
 * Writes {@link RespReply}s in the protocol the connection chose (its {@link #PROTOCOL} attribute, RESP2 when
 * unset); holds no state, so one instance serves every connection.
 */
@ChannelHandler.Sharable
public final class RespEncoder extends MessageToByteEncoder<RespReply> {
    /** The RESP version a connection speaks, set by HELLO and RESET. */
    public static final io.netty.util.AttributeKey<Integer> PROTOCOL = io.netty.util.AttributeKey.valueOf("resp");

    public RespEncoder() {
        super(RespReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RespReply reply, ByteBuf out) {
        Integer protocol = ctx.channel().attr(PROTOCOL).get();
        if (protocol == null) {
            reply.writeTo(out);
        } else {
            reply.writeTo(out, protocol);
        }
    }
}
