package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * A client connection's request decoder: {@link RespRequestReader}'s requests and protocol error, passed down the
 * pipeline. Bytes of an incomplete header or body stay in Netty's cumulation buffer until the rest arrives.
 */
public final class RespDecoder extends ByteToMessageDecoder {
    private final RespRequestReader reader;

    public RespDecoder(RespLimits limits) {
        this.reader = new RespRequestReader(limits);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        for (Object request = reader.next(in); request != null; request = reader.next(in)) {
            out.add(request);
        }
    }
}
