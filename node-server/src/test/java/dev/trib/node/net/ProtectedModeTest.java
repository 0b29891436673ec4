package dev.trib.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.command.ClientRegistry;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Clock;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.server.ServerContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Protected mode's decision and its effect on a connection, with made-up peer addresses (no traffic leaves). */
class ProtectedModeTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("10.1.2.3", 40000);

    @Test
    void onlyLoopbackPeersGetInWhileTheDefaultUserHasNoPassword() {
        assertTrue(ProtectedMode.denies(true, false, true, REMOTE));
        assertTrue(ProtectedMode.denies(true, false, true, new InetSocketAddress("::ffff:10.0.0.1", 1)));
        assertTrue(ProtectedMode.denies(true, false, true, new InetSocketAddress("fe80::1", 1)));
        assertFalse(ProtectedMode.denies(true, false, true, new InetSocketAddress("127.0.0.1", 1)));
        assertFalse(ProtectedMode.denies(true, false, true, new InetSocketAddress("127.9.8.7", 1)));
        assertFalse(ProtectedMode.denies(true, false, true, new InetSocketAddress("::1", 1)));
        assertFalse(ProtectedMode.denies(false, false, true, REMOTE), "protected-mode no");
        assertFalse(ProtectedMode.denies(true, true, true, REMOTE), "a bind directive was given");
        assertFalse(ProtectedMode.denies(true, false, false, REMOTE), "the default user has a password");
    }

    private static ServerContext server(String requirepass) {
        Clock clock = Clock.system();
        LiveConfig live = new LiveConfig(ConfigParameters.standard(), Map.of(ConfigParameters.REQUIREPASS,
                requirepass));
        return new ServerContext(live, new ClientRegistry(), new Keyspace(clock), clock, null);
    }

    /** A channel whose peer is at the given address, with protected mode in front of a handler that notes activity. */
    private static EmbeddedChannel channelFrom(SocketAddress peer, ServerContext server, boolean[] reachedClient)
            throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(false, false) {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        ch.pipeline().addLast(new ProtectedMode(server, false), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                reachedClient[0] = true;
            }
        });
        ch.register();
        return ch;
    }

    @Test
    void aRemoteClientGetsRedisDeniedTextAndIsDisconnected() throws Exception {
        boolean[] reached = {false};
        EmbeddedChannel ch = channelFrom(REMOTE, server(""), reached);
        ByteBuf out = ch.readOutbound();
        assertTrue(out.toString(StandardCharsets.US_ASCII).startsWith("-DENIED Redis is running in protected mode "
                + "because protected mode is enabled and no password is set for the default user."));
        assertEquals(ProtectedMode.DENIED, out.toString(StandardCharsets.US_ASCII));
        out.release();
        assertFalse(ch.isOpen());
        assertFalse(reached[0], "no session was opened for it");
    }

    @Test
    void loopbackOrAPasswordLetsTheClientThrough() throws Exception {
        boolean[] reached = {false};
        EmbeddedChannel local = channelFrom(new InetSocketAddress("127.0.0.2", 5), server(""), reached);
        assertTrue(local.isOpen() && reached[0]);
        assertNull(local.pipeline().get(ProtectedMode.class), "removed once the client is let in");
        reached[0] = false;
        EmbeddedChannel withPassword = channelFrom(REMOTE, server("pw"), reached);
        assertTrue(withPassword.isOpen() && reached[0]);
        assertNull(withPassword.readOutbound());
    }
}
