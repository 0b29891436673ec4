package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader the replica's stream and the AOF loader share with client connections. */
class RespRequestReaderTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> argv(String... words) {
        List<byte[]> out = new ArrayList<>();
        for (String w : words) {
            out.add(bytes(w));
        }
        return out;
    }

    private static String words(Object request) {
        List<String> parts = new ArrayList<>();
        for (byte[] a : ((RespCommand) request).args()) {
            parts.add(new String(a, StandardCharsets.ISO_8859_1));
        }
        return String.join("|", parts);
    }

    @Test
    void encodedCommandsReadBackExactly() {
        List<byte[]> set = argv("SET", "k", "v\r\nwith crlf", "");
        byte[] wire = RespRequests.encode(set);
        assertEquals("*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$12\r\nv\r\nwith crlf\r\n$0\r\n\r\n",
                new String(wire, StandardCharsets.ISO_8859_1));
        Object read = new RespRequestReader(RespLimits.defaults()).next(Unpooled.wrappedBuffer(wire));
        assertEquals("SET|k|v\r\nwith crlf|", words(read));
    }

    /** The caller drops what was consumed after every call: the reader keeps its place and never scans twice. */
    @Test
    void oneByteAtATimeIntoABufferThatDiscardsConsumedBytes() {
        byte[] wire = bytes("\n*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\nPING\r\n*1\r\n$4\r\nPING\r\n");
        RespRequestReader reader = new RespRequestReader(RespLimits.defaults());
        ByteBuf in = Unpooled.buffer();
        List<String> seen = new ArrayList<>();
        List<Integer> endsAt = new ArrayList<>();
        boolean wasMid = false;
        for (int i = 0; i < wire.length; i++) {
            in.writeByte(wire[i]);
            for (Object r = reader.next(in); r != null; r = reader.next(in)) {
                seen.add(words(r));
                endsAt.add(i);
            }
            wasMid |= reader.midRequest();
            in.discardReadBytes();
        }
        assertEquals(List.of("ECHO|hello", "PING", "PING"), seen);
        assertEquals(List.of(25, 31, 45), endsAt, "each request is returned at its last byte");
        assertTrue(wasMid);
        assertFalse(reader.midRequest());
    }

    @Test
    void aTruncatedTailIsMidRequestAndAProtocolErrorEndsTheInput() {
        RespRequestReader reader = new RespRequestReader(RespLimits.defaults());
        ByteBuf in = Unpooled.wrappedBuffer(bytes("*2\r\n$3\r\nGET\r\n$3\r\nke"));
        assertNull(reader.next(in));
        assertTrue(reader.midRequest());
        assertEquals(2, in.readableBytes(), "an incomplete body stays in the buffer");

        RespRequestReader bad = new RespRequestReader(RespLimits.defaults());
        ByteBuf garbage = Unpooled.wrappedBuffer(bytes("*1\r\n$4\r\nPING\r\n*x\r\n*1\r\n$4\r\nPING\r\n"));
        assertEquals("PING", words(bad.next(garbage)));
        assertEquals("invalid multibulk length", assertInstanceOf(RespProtocolError.class, bad.next(garbage)).detail());
        assertNull(bad.next(garbage));
        assertFalse(garbage.isReadable());
    }

    @Test
    void encodeSizesExactly() {
        byte[] big = new byte[100_000];
        byte[] wire = RespRequests.encode(List.of(bytes("RESTORE"), big));
        assertEquals(4 + 4 + 7 + 2 + 9 + 100_000 + 2, wire.length);
        assertArrayEquals(bytes("*2\r\n$7\r\nRESTORE\r\n$100000\r\n"), java.util.Arrays.copyOf(wire, 26));
    }
}
