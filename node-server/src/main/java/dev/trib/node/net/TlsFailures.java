package dev.trib.node.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import javax.net.ssl.SSLException;

/**
 * Right after the SslHandler: a failed handshake (no client certificate, an untrusted one, plain text on the TLS
 * port) closes the connection quietly, as redis-server does at its default log level, instead of a stack trace.
 */
@ChannelHandler.Sharable
final class TlsFailures extends ChannelInboundHandlerAdapter {
    static final TlsFailures INSTANCE = new TlsFailures();

    private TlsFailures() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SSLException || root instanceof NotSslRecordException) {
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
