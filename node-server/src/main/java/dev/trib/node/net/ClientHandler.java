package dev.trib.node.net;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.resp.RespCommand;
import dev.trib.node.resp.RespProtocolError;
import dev.trib.node.resp.RespReply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection. Commands run synchronously as they are decoded, so replies are written in
 * request order; they are flushed once per read batch, which is what makes pipelining cheap. When
 * the client stops reading, its socket stops being read too (auto-read follows writability), so a
 * pipelining client cannot make the server buffer unbounded replies.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(ClientHandler.class.getName());

    private final CommandDispatcher dispatcher;
    private final ClientSession session = new ClientSession();
    private boolean closing;

    ClientHandler(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                return;
            }
            if (msg instanceof RespCommand command) {
                RespReply reply = dispatcher.dispatch(command.args(), session);
                if (session.shouldCloseWithoutReply()) {
                    closing = true;
                    ctx.close();
                    return;
                }
                if (reply != null) {
                    ctx.write(reply, ctx.voidPromise());
                }
                if (session.shouldCloseAfterReply()) {
                    closeAfterFlush(ctx);
                }
            } else if (msg instanceof RespProtocolError error) {
                ctx.write(error.toReply(), ctx.voidPromise());
                closeAfterFlush(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void closeAfterFlush(ChannelHandlerContext ctx) {
        closing = true;
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(Level.WARNING, "closing client " + ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
