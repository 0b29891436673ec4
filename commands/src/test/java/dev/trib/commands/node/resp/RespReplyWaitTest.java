package dev.trib.commands.node.resp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A round trip allowed a longer reply wait than the connection's read timeout (a MIGRATE given a longer timeout):
 * a reply slower than the read timeout still arrives, and the next round trip has the usual timeout again.
 * Against a loopback server that answers each command 600 ms late.
 */
class RespReplyWaitTest {
    private static final int LATE_MS = 600;

    @Test
    void aLongerWaitLetsASlowReplyInAndTheUsualTimeoutComesBack() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[256];
                    while (in.read(buf) > 0) {
                        Thread.sleep(LATE_MS);
                        out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException | InterruptedException closed) {
                    // The test is over.
                }
            }, "late-server");
            answering.setDaemon(true);
            answering.start();

            try (RespConnection c = RespConnection.open("127.0.0.1", server.getLocalPort(), 5000, 200, null, null)) {
                List<Reply> replies = c.pipeline(List.<Object[]>of(new Object[] {"PING"}), 30_000);
                assertEquals(List.of(Reply.OK), replies);
                assertThrows(SocketTimeoutException.class, () -> c.pipeline(List.<Object[]>of(new Object[] {"PING"})),
                        "the usual 200 ms read timeout is back");
            }
        }
    }
}
