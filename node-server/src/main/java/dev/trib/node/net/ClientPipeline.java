package dev.trib.node.net;

import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.resp.RespDecoder;
import dev.trib.node.resp.RespEncoder;
import dev.trib.node.resp.RespLimits;
import dev.trib.node.server.ServerContext;
import dev.trib.node.tls.NodeTls;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** One client connection's handlers: TLS first on the TLS listener, then protected mode, the RESP codec, the client. */
final class ClientPipeline extends ChannelInitializer<SocketChannel> {
    private final RespLimits limits;
    private final CommandDispatcher dispatcher;
    private final ServerContext server;
    private final NodeTls tls;
    private final boolean bindGiven;

    /** @param tls the TLS set-up for the TLS listener, null for the plain one */
    ClientPipeline(RespLimits limits, CommandDispatcher dispatcher, ServerContext server, NodeTls tls,
                   boolean bindGiven) {
        this.limits = limits;
        this.dispatcher = dispatcher;
        this.server = server;
        this.tls = tls;
        this.bindGiven = bindGiven;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (tls != null) {
            ch.pipeline().addLast(tls.newServerHandler(ch.alloc()), TlsFailures.INSTANCE);
        }
        ch.pipeline().addLast(new ProtectedMode(server, bindGiven), new RespDecoder(limits), new RespEncoder(),
                new ClientHandler(dispatcher, server));
    }
}
