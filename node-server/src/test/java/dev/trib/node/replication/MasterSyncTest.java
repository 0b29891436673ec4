package dev.trib.node.replication;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replica's synchronisation fed the bytes redis-server 7.0 sends, whole and one byte at a time: handshake replies,
 * +FULLRESYNC with a sized or a diskless ($EOF:) snapshot, +CONTINUE, and the refusals; no socket.
 */
class MasterSyncTest {
    private static final String REPLID = "8371445ee0ad56ad2a3bbd16adb6a1db8d1f4a2b";
    private static final String MARK = "0123456789abcdef0123456789abcdef01234567";
    /** Stands for an RDB file: the sync does not look inside it, and it may hold CRLFs and '$'. */
    private static final String RDB = "REDIS0010\r\n$5\r\nbinary\u00ff\u0000";
    private static final String STREAM = "*1\r\n$4\r\nPING\r\n";

    private static MasterSync fresh() {
        return new MasterSync(new ReplicaHandshake("", "secret", 7001, false, REPLID, 0));
    }

    private static String words(List<byte[]> command) {
        List<String> out = new ArrayList<>();
        for (byte[] w : command) {
            out.add(new String(w, StandardCharsets.UTF_8));
        }
        return String.join(" ", out);
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** Every event the bytes give, fed all at once. */
    private static List<Object> feedWhole(MasterSync sync, String input, ByteBuf[] rest) {
        ByteBuf in = bytes(input);
        List<Object> events = new ArrayList<>();
        for (MasterSync.Event e = sync.next(in, REPLID); e != null; e = sync.next(in, REPLID)) {
            events.add(describe(e));
        }
        rest[0] = in;
        return events;
    }

    /** Every event the bytes give, fed one byte at a time into a buffer that keeps what is unread. */
    private static List<Object> feedByteByByte(MasterSync sync, String input, ByteBuf[] rest) {
        ByteBuf in = Unpooled.buffer();
        List<Object> events = new ArrayList<>();
        for (byte b : input.getBytes(StandardCharsets.ISO_8859_1)) {
            in.writeByte(b);
            for (MasterSync.Event e = sync.next(in, REPLID); e != null; e = sync.next(in, REPLID)) {
                events.add(describe(e));
            }
        }
        rest[0] = in;
        return events;
    }

    private static Object describe(MasterSync.Event e) {
        if (e instanceof MasterSync.Send s) {
            return "send " + words(s.command());
        }
        if (e instanceof MasterSync.Snapshot s) {
            return "snapshot " + new String(s.rdb(), StandardCharsets.ISO_8859_1);
        }
        return e;
    }

    private static final String HANDSHAKE_REPLIES = "+OK\r\n+OK\r\n\n+OK\r\n";
    private static final List<Object> HANDSHAKE_EVENTS = List.of("send REPLCONF listening-port 7001",
            "send REPLCONF capa psync2", "send PSYNC ? -1");

    @Test
    void aSizedSnapshotIsReadToItsLengthAndTheStreamStaysUnread() {
        String input = HANDSHAKE_REPLIES + "+FULLRESYNC " + REPLID + " 1234\r\n\n\n$" + RDB.length() + "\r\n" + RDB
                + STREAM;
        List<Object> expected = new ArrayList<>(HANDSHAKE_EVENTS);
        expected.addAll(List.of(new MasterSync.FullResync(REPLID, 1234), new MasterSync.Receiving(RDB.length()),
                "snapshot " + RDB));
        for (boolean whole : new boolean[] {true, false}) {
            MasterSync sync = fresh();
            assertEquals("AUTH secret", words(sync.start()));
            ByteBuf[] rest = new ByteBuf[1];
            assertEquals(expected, whole ? feedWhole(sync, input, rest) : feedByteByByte(sync, input, rest));
            assertTrue(sync.done());
            assertFalse(sync.transferring());
            assertEquals(STREAM, rest[0].toString(StandardCharsets.ISO_8859_1), "the stream is left for the reader");
        }
    }

    @Test
    void aDisklessSnapshotEndsAtItsMark() {
        String input = HANDSHAKE_REPLIES + "+FULLRESYNC " + REPLID + " 0\r\n$EOF:" + MARK + "\r\n" + RDB + MARK;
        List<Object> expected = new ArrayList<>(HANDSHAKE_EVENTS);
        expected.addAll(List.of(new MasterSync.FullResync(REPLID, 0), new MasterSync.Receiving(-1),
                "snapshot " + RDB));
        for (boolean whole : new boolean[] {true, false}) {
            MasterSync sync = fresh();
            sync.start();
            ByteBuf[] rest = new ByteBuf[1];
            assertEquals(expected, whole ? feedWhole(sync, input, rest) : feedByteByByte(sync, input, rest));
            assertTrue(sync.done());
        }
    }

    @Test
    void aSnapshotInProgressIsATransfer() {
        MasterSync sync = fresh();
        sync.start();
        ByteBuf[] rest = new ByteBuf[1];
        feedWhole(sync, HANDSHAKE_REPLIES + "+FULLRESYNC " + REPLID + " 7\r\n", rest);
        assertTrue(sync.transferring(), "waiting for the snapshot's header");
        assertEquals(List.of(new MasterSync.Receiving(-1)), feedWhole(sync, "$EOF:" + MARK + "\r\nREDIS", rest));
        assertTrue(sync.transferring());
        assertFalse(sync.done());
        assertEquals(List.of("snapshot REDIS" + MARK.substring(0, 20)), feedWhole(sync, MARK.substring(0, 20) + MARK,
                rest), "the mark's first half inside the data does not end it");
        sync.release();
    }

    @Test
    void continueSkipsTheSnapshot() {
        MasterSync sync = new MasterSync(new ReplicaHandshake("", "", 7002, true, REPLID, 41));
        assertEquals("REPLCONF listening-port 7002", words(sync.start()));
        ByteBuf[] rest = new ByteBuf[1];
        String newId = "f".repeat(40);
        assertEquals(List.of("send REPLCONF capa psync2", "send PSYNC " + REPLID + " 42",
                new MasterSync.Continue(newId)), feedByteByByte(sync, "+OK\r\n+OK\r\n+CONTINUE " + newId + "\r\n" + STREAM,
                rest));
        assertTrue(sync.done());
        assertFalse(sync.transferring());
        assertEquals(STREAM, rest[0].toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusalsEndTheAttempt() {
        MasterSync auth = fresh();
        auth.start();
        ByteBuf[] rest = new ByteBuf[1];
        assertEquals(List.of(new MasterSync.AuthRefused("-WRONGPASS invalid username-password pair")),
                feedWhole(auth, "-WRONGPASS invalid username-password pair\r\n+OK\r\n", rest));
        assertTrue(auth.done());

        String psynced = HANDSHAKE_REPLIES;
        assertEquals(new MasterSync.Refused("Unexpected reply to PSYNC from master: -NOMASTERLINK Can't SYNC while"
                + " not connected with my master"), last(psynced + "-NOMASTERLINK Can't SYNC while not connected with"
                + " my master\r\n"));
        assertEquals(new MasterSync.Refused("Unexpected reply to PSYNC from master: +FULLRESYNC " + REPLID),
                last(psynced + "+FULLRESYNC " + REPLID + "\r\n"), "no offset");
        assertEquals(new MasterSync.Refused("Unexpected reply to PSYNC from master: +FULLRESYNC " + REPLID + " x"),
                last(psynced + "+FULLRESYNC " + REPLID + " x\r\n"));
        String full = psynced + "+FULLRESYNC " + REPLID + " 0\r\n";
        assertEquals(new MasterSync.Refused("Bad protocol from MASTER, the first byte is not '$': -ERR oom"),
                last(full + "-ERR oom\r\n"));
        assertEquals(new MasterSync.Refused("Bad protocol from MASTER, invalid snapshot length: $-1"),
                last(full + "$-1\r\n"));
        assertEquals(new MasterSync.Refused("Bad protocol from MASTER, invalid snapshot length: $EOF:short"),
                last(full + "$EOF:short\r\n"), "a mark is 40 bytes");
    }

    private static Object last(String input) {
        MasterSync sync = fresh();
        sync.start();
        List<Object> events = feedWhole(sync, input, new ByteBuf[1]);
        assertTrue(sync.done());
        return events.get(events.size() - 1);
    }
}
