package dev.trib.commands.node;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailuresTest {
    @Test
    void timeoutsSayWhetherTheConnectionOrTheReplyWasLate() {
        // The JDK's own messages for Socket.connect(addr, timeout) and a read past SO_TIMEOUT.
        assertEquals("connection timed out", Failures.reason(new SocketTimeoutException("Connect timed out")));
        assertEquals("no reply in time", Failures.reason(new SocketTimeoutException("Read timed out")));
        assertEquals("connection refused", Failures.reason(new ConnectException("Connection refused")));
        assertEquals("unknown host", Failures.reason(new java.io.IOException("x", new UnknownHostException("h"))));
    }
}
