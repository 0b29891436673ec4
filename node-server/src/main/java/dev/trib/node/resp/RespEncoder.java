package dev.trib.node.resp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.buffer.ByteBuf;

/** Writes {@link RespReply}s; stateless, so one instance can serve every connection. */
@ChannelHandler.Sharable
public final class RespEncoder extends MessageToByteEncoder<RespReply> {
    public RespEncoder() {
        super(RespReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RespReply reply, ByteBuf out) {
        reply.writeTo(out);
    }
}
