package dev.trib.node.cluster.bus;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the bus byte stream into whole messages: "RCmb", then a u32 total length covering the
 * message. A wrong signature or an impossible length closes the link; nothing is allocated from
 * an unchecked length.
 */
final class BusFrameDecoder extends ByteToMessageDecoder {
    /** PUBLISH payloads are the only large messages; beyond this the peer is not a sane node. */
    static final int MAX_MESSAGE = 64 * 1024 * 1024;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 8) {
            int start = in.readerIndex();
            long totlen = in.getUnsignedInt(start + 4);
            if (in.getInt(start) != BusCodec.SIGNATURE || totlen < BusCodec.HEADER_LEN || totlen > MAX_MESSAGE) {
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < totlen) {
                return;
            }
            out.add(in.readRetainedSlice((int) totlen));
        }
    }
}
