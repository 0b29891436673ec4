package dev.trib.commands.node.resp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RESP2 reader and writer against byte fixtures: every reply type, replies cut into pieces, broken input. */
class RespConnectionTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Replies read from the bytes, whole. */
    private static RespConnection reading(byte[] bytes) {
        return RespConnection.over(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
    }

    /** Replies read from the bytes handed out one at a time, as a slow network would. */
    private static RespConnection tricklingIn(byte[] bytes) {
        InputStream oneByOne = new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                b[off] = bytes[at++];
                return 1;
            }
        };
        return RespConnection.over(oneByOne, new ByteArrayOutputStream());
    }

    @Test
    void everyReplyTypeIsReadAsItsValue() throws IOException {
        RespConnection c = reading(ascii("+OK\r\n+QUEUED\r\n-ERR unknown command\r\n:42\r\n:-7\r\n$5\r\nhello\r\n"
                + "$0\r\n\r\n$-1\r\n*-1\r\n*0\r\n"));
        assertSame(Reply.OK, c.read());
        assertEquals(new Reply.Simple("QUEUED"), c.read());
        Reply.Error err = assertInstanceOf(Reply.Error.class, c.read());
        assertEquals("ERR unknown command", err.message());
        assertEquals("ERR", err.code());
        assertEquals(new Reply.Int(42), c.read());
        assertEquals(new Reply.Int(-7), c.read());
        assertEquals("hello", assertInstanceOf(Reply.Bulk.class, c.read()).text());
        assertEquals(0, assertInstanceOf(Reply.Bulk.class, c.read()).data().length);
        assertInstanceOf(Reply.Nil.class, c.read());
        assertInstanceOf(Reply.Nil.class, c.read());
        assertEquals(List.of(), assertInstanceOf(Reply.Array.class, c.read()).items());
    }

    @Test
    void nestedArraysKeepTheirShape() throws IOException {
        // CLUSTER SLOTS-like: [[0, 5460, ["127.0.0.1", 7000]], [5461, 16383, nil]]
        byte[] bytes = ascii("*2\r\n*3\r\n:0\r\n:5460\r\n*2\r\n$9\r\n127.0.0.1\r\n:7000\r\n*3\r\n:5461\r\n:16383\r\n$-1\r\n");
        for (RespConnection c : List.of(reading(bytes), tricklingIn(bytes))) {
            Reply.Array outer = assertInstanceOf(Reply.Array.class, c.read());
            assertEquals(2, outer.items().size());
            Reply.Array first = assertInstanceOf(Reply.Array.class, outer.items().get(0));
            assertEquals(new Reply.Int(5460), first.items().get(1));
            Reply.Array address = assertInstanceOf(Reply.Array.class, first.items().get(2));
            assertEquals("127.0.0.1", assertInstanceOf(Reply.Bulk.class, address.items().get(0)).text());
            assertEquals(new Reply.Int(7000), address.items().get(1));
            assertInstanceOf(Reply.Nil.class, assertInstanceOf(Reply.Array.class, outer.items().get(1)).items().get(2));
        }
    }

    @Test
    void aBulkIsBinarySafeAndMayHoldCrLf() throws IOException {
        byte[] value = {'a', '\r', '\n', 0, (byte) 0xff, 'b'};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ascii("$6\r\n"));
        bytes.writeBytes(value);
        bytes.writeBytes(ascii("\r\n:1\r\n"));
        RespConnection c = tricklingIn(bytes.toByteArray());
        assertArrayEquals(value, assertInstanceOf(Reply.Bulk.class, c.read()).data());
        assertEquals(new Reply.Int(1), c.read(), "the reply after the bulk starts where the bulk ended");
    }

    @Test
    void aBigBulkArrivingInPiecesIsReadWhole() throws IOException {
        byte[] value = new byte[3 * 1024 * 1024 + 17];
        Arrays.fill(value, (byte) 'x');
        value[value.length - 1] = 'z';
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ascii("$" + value.length + "\r\n"));
        bytes.writeBytes(value);
        bytes.writeBytes(ascii("\r\n"));
        assertArrayEquals(value, assertInstanceOf(Reply.Bulk.class, reading(bytes.toByteArray()).read()).data());
    }

    @Test
    void aPipelineReadsOneReplyPerCommandInOrderAndWritesEveryCommandFirst() throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        RespConnection c = RespConnection.over(new ByteArrayInputStream(ascii("+PONG\r\n-ERR no\r\n:3\r\n")), written);
        List<Reply> replies = c.pipeline(List.of(new Object[] {"PING"}, new Object[] {"X"},
                new Object[] {"CLUSTER", "COUNTKEYSINSLOT", 7}));
        assertEquals(List.of(new Reply.Simple("PONG"), new Reply.Error("ERR no"), new Reply.Int(3)), replies);
        assertEquals("*1\r\n$4\r\nPING\r\n*1\r\n$1\r\nX\r\n*3\r\n$7\r\nCLUSTER\r\n$15\r\nCOUNTKEYSINSLOT\r\n$1\r\n7\r\n",
                written.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void commandsGoAsBulkStringsWithBytesUntouched() throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        RespConnection c = RespConnection.over(new ByteArrayInputStream(new byte[0]), written);
        c.write("GET", new byte[] {'k', 0, '\n'}, "é", -12L);
        c.flush();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(ascii("*4\r\n$3\r\nGET\r\n$3\r\n"));
        expected.writeBytes(new byte[] {'k', 0, '\n'});
        expected.writeBytes(ascii("\r\n$2\r\n"));
        expected.writeBytes("é".getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(ascii("\r\n$3\r\n-12\r\n"));
        assertArrayEquals(expected.toByteArray(), written.toByteArray());
    }

    @Test
    void aConnectionClosedMidReplyIsAnEofNotAShortValue() {
        assertThrows(EOFException.class, () -> reading(ascii("$10\r\nhello")).read());
        assertThrows(EOFException.class, () -> reading(ascii("*3\r\n:1\r\n:2\r\n")).read());
        assertThrows(EOFException.class, () -> reading(ascii("+OK")).read());
        assertThrows(EOFException.class, () -> reading(new byte[0]).read());
    }

    @Test
    void malformedRepliesAreProtocolErrors() {
        IOException type = assertThrows(IOException.class, () -> reading(ascii("?what\r\n")).read());
        assertTrue(type.getMessage().contains("unexpected reply type"), type.getMessage());
        IOException number = assertThrows(IOException.class, () -> reading(ascii(":12a\r\n")).read());
        assertTrue(number.getMessage().contains("not a number"), number.getMessage());
        IOException cr = assertThrows(IOException.class, () -> reading(ascii("+OK\rX\n")).read());
        assertTrue(cr.getMessage().contains("CR without LF"), cr.getMessage());
    }

    @Test
    void lengthsBeyondTheLimitsAreRefusedBeforeAnythingIsAllocated() {
        // A bulk of 2 GB or an array of 2 billion items would exhaust memory if trusted.
        IOException bulk = assertThrows(IOException.class, () -> reading(ascii("$2000000000\r\n")).read());
        assertTrue(bulk.getMessage().contains("bulk reply of 2000000000 bytes"), bulk.getMessage());
        IOException array = assertThrows(IOException.class, () -> reading(ascii("*2000000000\r\n")).read());
        assertTrue(array.getMessage().contains("array reply of 2000000000 elements"), array.getMessage());
    }

    @Test
    void aSnapshotOfKnownLengthIsCopiedAfterTheKeepAliveNewlines() throws IOException {
        byte[] rdb = ascii("REDIS0010\u00fa...payload...\u00ff");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ascii("\n\n\n$" + rdb.length + "\r\n"));
        bytes.writeBytes(rdb);
        bytes.writeBytes(ascii("*1\r\n$4\r\nPING\r\n")); // the replication stream that follows is not copied
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(rdb.length, tricklingIn(bytes.toByteArray()).syncSnapshot(out));
        assertArrayEquals(rdb, out.toByteArray());
    }

    @Test
    void aDisklessSnapshotIsCopiedUpToItsEndMark() throws IOException {
        String mark = "0123456789abcdef0123456789abcdef01234567";
        // The payload holds a prefix of the mark, which must not end the copy early.
        byte[] rdb = ascii("REDIS0010 0123456789 payload 0123456789abcdef01 end");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ascii("\n$EOF:" + mark + "\r\n"));
        bytes.writeBytes(rdb);
        bytes.writeBytes(ascii(mark));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(rdb.length, reading(bytes.toByteArray()).syncSnapshot(out));
        assertArrayEquals(rdb, out.toByteArray());
    }

    @Test
    void aRefusedSyncCarriesTheNodesError() {
        IOException e = assertThrows(IOException.class, () -> reading(ascii("-NOPERM no SYNC for you\r\n"))
                .syncSnapshot(new ByteArrayOutputStream()));
        assertEquals("NOPERM no SYNC for you", e.getMessage());
    }
}
