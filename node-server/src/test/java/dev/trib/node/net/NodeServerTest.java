package dev.trib.node.net;

import static dev.trib.node.support.Resp.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.Resp;
import dev.trib.node.support.RespTestClient;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The node over real TCP, driven by a plain-socket client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeServerTest {
    private static NodeServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RespTestClient client() throws Exception {
        return new RespTestClient("127.0.0.1", server.port());
    }

    @Test
    void answersBasicCommands() throws Exception {
        try (RespTestClient c = client()) {
            assertEquals("+PONG\r\n", c.call("PING"));
            assertEquals("+OK\r\n", c.call("SET", "e2e:k", "hello"));
            assertEquals("$5\r\nhello\r\n", c.call("GET", "e2e:k"));
            assertEquals("-ERR unknown command 'nosuch', with args beginning with: 'x' \r\n", c.call("nosuch", "x"));
            c.send(latin1("ECHO inline\r\n"));
            assertEquals("$6\r\ninline\r\n", c.readReply());
        }
    }

    @Test
    void pipelinesAThousandCommandsInOneWrite() throws Exception {
        try (RespTestClient c = client()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                batch.writeBytes(Resp.command("INCR", "e2e:counter"));
            }
            c.send(batch.toByteArray());
            for (int i = 1; i <= 1000; i++) {
                assertEquals(":" + i + "\r\n", c.readReply(), "reply " + i + " in request order");
            }
            assertEquals("$4\r\n1000\r\n", c.call("GET", "e2e:counter"));
        }
    }

    @Test
    void protocolErrorsAreAnsweredThenTheConnectionCloses() throws Exception {
        try (RespTestClient c = client()) {
            c.send(latin1("PING\r\n*2000000000\r\nPING\r\n"));
            assertEquals("+PONG\r\n", c.readReply());
            assertEquals("-ERR Protocol error: invalid multibulk length\r\n", c.readReply());
            assertTrue(c.isClosedByPeer());
        }
    }

    @Test
    void quitClosesAfterItsReply() throws Exception {
        try (RespTestClient c = client()) {
            c.send(latin1("QUIT\r\nPING\r\n"));
            assertEquals("+OK\r\n", c.readReply());
            assertTrue(c.isClosedByPeer());
        }
    }

    @Test
    void keysSetOnOneConnectionAreSeenOnAnother() throws Exception {
        try (RespTestClient a = client(); RespTestClient b = client()) {
            a.call("RPUSH", "e2e:list", "x", "y");
            assertEquals("*2\r\n$1\r\nx\r\n$1\r\ny\r\n", b.call("LRANGE", "e2e:list", "0", "-1"));
        }
    }

    @Test
    void activeExpiryRunsOnTheServer() throws Exception {
        try (RespTestClient c = client()) {
            for (int i = 0; i < 50; i++) {
                c.call("SET", "e2e:ttl:" + i, "v", "PX", "1");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int volatileKeys;
            while ((volatileKeys = server.onKeyspace(ks -> ks.volatileSize())) > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertEquals(0, volatileKeys, "keys nobody touched were reclaimed");
        }
    }

    @Test
    void mainParsesPortAndBind() {
        NodeConfig config = Main.parse(new String[] {"--port", "7001", "--bind", "127.0.0.1", "::1"});
        assertEquals(7001, config.port());
        assertEquals(List.of("127.0.0.1", "::1"), config.bindAddresses());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--port", "x"}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--no-such-directive", "1"}));
        assertEquals("", Main.parse(new String[] {"--save", ""}).setting("save"));
        assertEquals("3600 1 300 100 60 10000", Main.parse(new String[0]).setting("save"), "the launcher saves as Redis");
        assertEquals("", NodeConfig.defaults().setting("save"), "an embedded node writes no dump.rdb unasked");
    }
}
