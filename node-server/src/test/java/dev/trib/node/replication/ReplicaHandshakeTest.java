package dev.trib.node.replication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The replica's handshake driven by literal reply lines, as redis-server 7.0 sends them; no socket. */
class ReplicaHandshakeTest {
    private static final String REPLID = "8371445ee0ad56ad2a3bbd16adb6a1db8d1f4a2b";

    private static String words(List<byte[]> command) {
        List<String> out = new ArrayList<>();
        for (byte[] w : command) {
            out.add(new String(w, StandardCharsets.UTF_8));
        }
        return String.join(" ", out);
    }

    private static String sent(ReplicaHandshake.Outcome outcome) {
        return words(assertInstanceOf(ReplicaHandshake.Send.class, outcome).command());
    }

    @Test
    void aFreshReplicaAuthenticatesAnnouncesItselfAndAsksForAFullCopy() {
        ReplicaHandshake h = new ReplicaHandshake("repl", "secret", 7001, false, REPLID, 0);
        assertEquals("AUTH repl secret", words(h.start()));
        assertEquals("REPLCONF listening-port 7001", sent(h.onReply("+OK", REPLID)));
        assertInstanceOf(ReplicaHandshake.Ignore.class, h.onReply("", REPLID), "a keepalive newline");
        assertEquals("REPLCONF capa psync2", sent(h.onReply("+OK", REPLID)));
        assertEquals("PSYNC ? -1", sent(h.onReply("-ERR unknown command 'REPLCONF'", REPLID)),
                "an old master's refusal of REPLCONF is not fatal");
        assertEquals("?:-1", h.psyncRequest());
        ReplicaHandshake.FullResync full = assertInstanceOf(ReplicaHandshake.FullResync.class,
                h.onReply("+FULLRESYNC " + REPLID + " 1234", REPLID));
        assertEquals(REPLID, full.replid());
        assertEquals("1234", full.offset());
    }

    @Test
    void aReplicaWithDataAsksToContinueAfterItsOffset() {
        ReplicaHandshake h = new ReplicaHandshake("", "", 7002, true, REPLID, 41);
        assertEquals("REPLCONF listening-port 7002", words(h.start()), "no AUTH without masterauth");
        assertEquals("REPLCONF capa psync2", sent(h.onReply("+OK", REPLID)));
        assertEquals("PSYNC " + REPLID + " 42", sent(h.onReply("+OK", REPLID)));
        String newId = "f".repeat(40);
        assertEquals(newId, assertInstanceOf(ReplicaHandshake.Continue.class,
                h.onReply("+CONTINUE " + newId, REPLID)).replid());
    }

    @Test
    void continueWithoutAnIdKeepsOursAndOtherRepliesEndTheAttempt() {
        ReplicaHandshake h = new ReplicaHandshake("", "", 7002, true, REPLID, 0);
        h.start();
        h.onReply("+OK", REPLID);
        h.onReply("+OK", REPLID);
        assertEquals(REPLID, assertInstanceOf(ReplicaHandshake.Continue.class, h.onReply("+CONTINUE", REPLID))
                .replid());

        ReplicaHandshake other = new ReplicaHandshake("", "", 7002, false, REPLID, 0);
        other.start();
        other.onReply("+OK", REPLID);
        other.onReply("+OK", REPLID);
        String loading = "-LOADING Redis is loading the dataset in memory";
        assertEquals(loading, assertInstanceOf(ReplicaHandshake.Unexpected.class, other.onReply(loading, REPLID))
                .line());
    }

    @Test
    void aRefusedPasswordEndsTheHandshake() {
        ReplicaHandshake h = new ReplicaHandshake("", "wrong", 7001, false, REPLID, 0);
        assertEquals("AUTH wrong", words(h.start()));
        assertInstanceOf(ReplicaHandshake.AuthRefused.class,
                h.onReply("-WRONGPASS invalid username-password pair or user is disabled.", REPLID));
        ReplicaHandshake noAuth = new ReplicaHandshake("", "", 7001, false, REPLID, 0);
        noAuth.start();
        assertInstanceOf(ReplicaHandshake.AuthRefused.class, noAuth.onReply("-NOAUTH Authentication required.",
                REPLID));
    }
}
