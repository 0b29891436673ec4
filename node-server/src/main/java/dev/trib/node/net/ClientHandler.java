package dev.trib.node.net;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.resp.RespCommand;
import dev.trib.node.resp.RespProtocolError;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
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
    private final ServerContext server;
    private ClientSession session;
    private boolean closing;
    /** When the current read batch began (one clock read per batch: CLIENT LIST's idle time needs no finer). */
    private long batchMillis = -1;
    /** Commands read while the client was blocked (WAIT, a write during a pause), run when it resumes. */
    private final java.util.ArrayDeque<Object> queued = new java.util.ArrayDeque<>();
    private ChannelHandlerContext context;

    ClientHandler(CommandDispatcher dispatcher, ServerContext server) {
        this.dispatcher = dispatcher;
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = server.clients().open(address(ctx.channel().remoteAddress()),
                address(ctx.channel().localAddress()), server.clock().nowMillis());
        session.channel(ctx.channel());
        context = ctx;
        session.onResume(this::resumed);
        // Like Redis's default user without a password: connections opened then need no AUTH.
        session.authenticated(!server.requiresPassword());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
        if (session != null) {
            server.clients().close(session);
        }
        ctx.fireChannelInactive();
    }

    private static String address(java.net.SocketAddress a) {
        if (a instanceof java.net.InetSocketAddress inet) {
            String host = inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(a);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session.blocked() || !queued.isEmpty()) {
            queued.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        handle(ctx, msg);
    }

    /** A blocked command finished: send its reply, then run what arrived meanwhile. */
    private void resumed(RespReply reply) {
        ChannelHandlerContext ctx = context;
        if (reply != null && !session.repliesMuted()) {
            ctx.write(reply, ctx.voidPromise());
        }
        if (reply != null) {
            session.commandDone(); // a blocked command ended; a held one (null) has not run yet
        }
        if (session.shouldCloseAfterReply() && !closing) {
            closeAfterFlush(ctx); // unblocked because the node became a replica
        }
        while (!queued.isEmpty() && !session.blocked() && !closing) {
            handle(ctx, queued.poll());
        }
        if (closing) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
        }
        if (queued.isEmpty() && !session.blocked()) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        batchMillis = -1;
        server.runtime().runAfterCommands();
        ctx.flush();
    }

    private void handle(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                return;
            }
            if (msg instanceof RespCommand command) {
                if (batchMillis < 0) {
                    batchMillis = server.clock().nowMillis();
                }
                session.touch(batchMillis, command.args().get(0));
                if (server.heldByScript(session) || server.holdsWrite(command.args(), session)) {
                    // Writes wait out a pause (manual failover); the command runs again when it ends.
                    queued.addFirst(ReferenceCountUtil.retain(msg));
                    ctx.channel().config().setAutoRead(false);
                    return;
                }
                RespReply reply = dispatcher.dispatch(command.args(), session);
                if (session.blocked()) {
                    return;
                }
                if (session.shouldCloseWithoutReply()) {
                    closing = true;
                    ctx.close();
                    return;
                }
                if (reply != null && !session.repliesMuted()) {
                    ctx.write(reply, ctx.voidPromise());
                }
                session.commandDone(); // CLIENT REPLY SKIP mutes exactly the next command
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
        batchMillis = -1;
        server.runtime().runAfterCommands();
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
