package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.OK;
import static dev.trib.node.support.CommandHarness.bulk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.support.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the differential test cannot drive: a watched key's TTL running out (a fake clock), and what an EXEC
 * propagates to replicas and the AOF (Redis 7.0: several writes as one MULTI … EXEC block, one write alone).
 */
class TransactionCommandsTest {
    private static final String QUEUED = "+QUEUED\r\n";
    private static final String NULL_ARRAY = "*-1\r\n";

    private final CommandHarness h = new CommandHarness();
    private final ClientSession other = new ClientSession();
    private final List<String> propagated = new ArrayList<>();

    TransactionCommandsTest() {
        h.dispatcher().propagateTo(argv -> {
            List<String> words = new ArrayList<>();
            argv.forEach(a -> words.add(new String(a, StandardCharsets.ISO_8859_1)));
            propagated.add(String.join(" ", words));
        });
    }

    @Test
    void aWatchedKeyThatExpiresMakesExecFailEvenBeforeItIsRemoved() {
        assertEquals(OK, h.run("set", "k", "v", "PX", "100"));
        assertEquals(OK, h.run("watch", "k"));
        h.clock.advance(200);
        assertEquals(OK, h.run("multi"));
        assertEquals(QUEUED, h.run("ping"));
        assertEquals(NULL_ARRAY, h.run("exec"));
    }

    @Test
    void aKeyAlreadyExpiredWhenWatchedDoesNotFailExecWhenItIsRemoved() {
        assertEquals(OK, h.run("set", "k", "v", "PX", "100"));
        h.clock.advance(200);
        assertEquals(OK, h.run("watch", "k"));
        assertEquals(CommandHarness.NIL, h.runAs(other, "get", "k"), "the read removes the expired key");
        assertEquals(OK, h.run("multi"));
        assertEquals(QUEUED, h.run("ping"));
        assertEquals("*1\r\n+PONG\r\n", h.run("exec"));
    }

    @Test
    void aKeyAlreadyExpiredWhenWatchedAndWrittenAgainFailsExec() {
        assertEquals(OK, h.run("set", "k", "v", "PX", "100"));
        h.clock.advance(200);
        assertEquals(OK, h.run("watch", "k"));
        assertEquals(OK, h.runAs(other, "set", "k", "new"));
        assertEquals(OK, h.run("multi"));
        assertEquals(QUEUED, h.run("get", "k"));
        assertEquals(NULL_ARRAY, h.run("exec"));
    }

    @Test
    void severalWritesPropagateAsOneBlock() {
        assertEquals(OK, h.run("multi"));
        assertEquals(QUEUED, h.run("set", "a", "1"));
        assertEquals(QUEUED, h.run("get", "a"));
        assertEquals(QUEUED, h.run("incr", "a"));
        assertEquals(QUEUED, h.run("incr", "nonnumeric-later"));
        assertEquals("*4\r\n+OK\r\n" + bulk("1") + ":2\r\n:1\r\n", h.run("exec"));
        assertEquals(List.of("MULTI", "set a 1", "incr a", "incr nonnumeric-later", "EXEC"), propagated);
    }

    @Test
    void aSingleWriteOrNoneIsNotWrapped() {
        assertEquals(OK, h.run("multi"));
        assertEquals(QUEUED, h.run("set", "a", "x"));
        assertEquals(QUEUED, h.run("incr", "a"));
        assertEquals("*2\r\n+OK\r\n-ERR value is not an integer or out of range\r\n", h.run("exec"));
        assertEquals(List.of("set a x"), propagated, "the failed INCR is not propagated");
        propagated.clear();
        assertEquals(OK, h.run("multi"));
        assertEquals(QUEUED, h.run("get", "a"));
        assertEquals("*1\r\n" + bulk("x"), h.run("exec"));
        assertEquals(List.of(), propagated);
    }

    @Test
    void aTransactionReplayedFromAMasterStreamRunsAndPassesTheBlockOn() {
        // A replica applies MULTI … EXEC from its master's stream as any client's; its AOF gets the same block.
        for (String[] c : List.of(new String[] {"multi"}, new String[] {"sadd", "s", "x"},
                new String[] {"sadd", "s", "y"})) {
            assertEquals(c[0].equals("multi") ? OK : QUEUED, h.run(c));
        }
        assertEquals("*2\r\n:1\r\n:1\r\n", h.run("exec"));
        assertEquals(List.of("MULTI", "sadd s x", "sadd s y", "EXEC"), propagated);
    }
}
