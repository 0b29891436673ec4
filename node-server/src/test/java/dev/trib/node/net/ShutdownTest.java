package dev.trib.node.net;

import dev.trib.node.support.Resp;
import dev.trib.node.support.RespTestClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShutdownTest {
    @Test
    void shutdownStopsTheNodeAndAbortWithoutOneIsAnError() throws Exception {
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        int port = node.port();
        try (RespTestClient c = new RespTestClient("127.0.0.1", port)) {
            assertEquals("-ERR No shutdown in progress.\r\n", c.call("SHUTDOWN", "ABORT"));
            assertEquals("-ERR syntax error\r\n", c.call("SHUTDOWN", "LATER"));
            c.send(Resp.command("SHUTDOWN", "NOSAVE"));
            assertTrue(c.isClosedByPeer(), "SHUTDOWN closes the connection without a reply, as redis-server");
        }
        long deadline = System.nanoTime() + 15_000_000_000L;
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                Thread.onSpinWait();
            } catch (IOException e) {
                refused = true;
            }
        }
        assertTrue(refused, "the port still accepts connections after SHUTDOWN");
    }
}
