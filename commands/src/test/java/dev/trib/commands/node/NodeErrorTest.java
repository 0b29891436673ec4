package dev.trib.commands.node;

import dev.trib.commands.node.NodeError.Kind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Error replies as Redis 6.2 and 7.0 word them, and what each means to trib. */
class NodeErrorTest {

    private static Kind kind(String reply) {
        return NodeError.of(reply).kind();
    }

    @Test
    void migrateFailuresAreToldApart() {
        assertEquals(Kind.BUSY_KEY, kind("BUSYKEY Target key name already exists."));
        assertEquals(Kind.BUSY_KEY, kind("ERR Target instance replied with error: BUSYKEY Target key name already "
                + "exists."));
        assertEquals(Kind.IO_ERROR, kind("IOERR error or timeout reading to target instance"));
        assertEquals(Kind.PAYLOAD_VERSION, kind("ERR Target instance replied with error: ERR DUMP payload version "
                + "or checksum are wrong"));
        assertEquals(Kind.OTHER, kind("ERR Target instance replied with error: NOAUTH Authentication required."),
                "the target's credentials, not ours: MIGRATE's own failure");
    }

    @Test
    void redirectionsCarryTheirKind() {
        assertEquals(Kind.MOVED, kind("MOVED 3999 127.0.0.1:6381"));
        assertEquals(Kind.ASK, kind("ASK 3999 127.0.0.1:6381"));
    }

    @Test
    void clusterRefusalsAreToldApart() {
        assertEquals(Kind.HOLDS_KEYS, kind("ERR Can't assign hashslot 42 to a different node while I still hold "
                + "keys for this hash slot."));
        assertEquals(Kind.CLUSTER_DISABLED, kind("ERR This instance has cluster support disabled"));
        assertEquals(Kind.UNKNOWN_NODE, kind("ERR Unknown node 0123456789abcdef0123456789abcdef01234567"));
        assertEquals(Kind.NO_CONFIG_FILE, kind("ERR The server is running without a config file"));
        assertEquals(Kind.OTHER, kind("ERR Slot 5 is already busy"));
        assertEquals(Kind.OTHER, kind("ERR You should send CLUSTER FAILOVER to a replica"));
    }

    @Test
    void credentialProblemsAreAuth() {
        assertEquals(Kind.AUTH, kind("NOAUTH Authentication required."));
        assertEquals(Kind.AUTH, kind("WRONGPASS invalid username-password pair or user is disabled."));
        assertEquals(Kind.AUTH, kind("NOPERM this user has no permissions to run the 'cluster' command"));
        assertEquals(Kind.AUTH, kind("ERR AUTH <password> called without any password configured for the default "
                + "user. Are you sure your configuration is correct?"));
    }

    @Test
    void theNodesTextIsKeptForMessages() {
        NodeError e = NodeError.of("BUSYKEY Target key name already exists.");
        assertEquals("BUSYKEY Target key name already exists.", e.toString());
        assertEquals("BUSYKEY", e.code());
        assertEquals("ERR", NodeError.of("ERR x").code());
        assertEquals("OOPS", NodeError.of("oops").code());
    }

    @Test
    void aCommandExceptionKnowsWhatItsReplyMeans() {
        NodeCommandException disabled = new NodeCommandException(null, "CLUSTER NODES",
                "ERR This instance has cluster support disabled", null);
        assertEquals(true, disabled.clusterDisabled());
        NodeCommandException forget = new NodeCommandException(null, "CLUSTER FORGET", "ERR Unknown node abc", null);
        assertEquals(false, forget.clusterDisabled());
        assertEquals(Kind.UNKNOWN_NODE, forget.error().kind());
    }
}
