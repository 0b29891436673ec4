package dev.trib.node.net;

import dev.trib.node.config.ConfigParameters;
import dev.trib.node.server.ServerContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Protected mode: while it is on, no bind directive was given and the default user needs no password, a client from
 * anywhere but loopback (127.0.0.0/8, ::1) gets Redis's DENIED error and is disconnected before any command runs.
 * First in the client pipeline after TLS; it removes itself once a connection is let in.
 */
final class ProtectedMode extends ChannelInboundHandlerAdapter {
    static final String DENIED = "-DENIED Redis is running in protected mode because protected mode is enabled and no "
            + "password is set for the default user. In this mode connections are only accepted from the loopback "
            + "interface. If you want to connect from external computers to Redis you may adopt one of the following "
            + "solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the "
            + "loopback interface by connecting to Redis from the same host the server is running, however MAKE "
            + "SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this "
            + "change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis "
            + "configuration file, and setting the protected mode option to 'no', and then restarting the server. "
            + "3) If you started the server manually just for testing, restart it with the '--protected-mode no' "
            + "option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of "
            + "the above things in order for the server to start accepting connections from the outside.\r\n";

    private final ServerContext server;
    private final boolean bindGiven;
    private boolean denied;

    /** @param bindGiven whether the node was started with a bind directive */
    ProtectedMode(ServerContext server, boolean bindGiven) {
        this.server = server;
        this.bindGiven = bindGiven;
    }

    /** The decision, apart from Netty so that it can be tested with any address. */
    static boolean denies(boolean protectedMode, boolean bindGiven, boolean defaultUserNeedsNoPassword,
                          SocketAddress remote) {
        return protectedMode && !bindGiven && defaultUserNeedsNoPassword && !isLoopback(remote);
    }

    static boolean isLoopback(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return true; // not an IP peer (an in-process channel): nothing to protect from
        }
        // 127.0.0.0/8 for IPv4 (an IPv4-mapped ::ffff:127.x arrives as one), ::1 for IPv6.
        return inet.getAddress().isLoopbackAddress();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        boolean on = server.config().getBool(ConfigParameters.PROTECTED_MODE);
        if (denies(on, bindGiven, server.acl().defaultUser().nopass(), ctx.channel().remoteAddress())) {
            denied = true;
            ctx.writeAndFlush(Unpooled.copiedBuffer(DENIED, StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
            return; // the client handler never sees the connection
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (denied) {
            ReferenceCountUtil.release(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!denied) {
            ctx.fireChannelInactive();
        }
    }
}
