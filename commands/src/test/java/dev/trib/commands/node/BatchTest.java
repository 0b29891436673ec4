package dev.trib.commands.node;

import dev.trib.commands.node.Batch.Migrated;
import dev.trib.commands.node.Batch.Step;
import dev.trib.commands.node.NodeError.Kind;
import dev.trib.commands.node.SlotCommands.MigrateAuth;
import dev.trib.commands.node.resp.Reply;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches against a scripted node: which commands go out (spelled as Redis expects, in one round trip) and what each
 * step makes of the reply it gets.
 */
class BatchTest {
    private static final HostAndPort TARGET = new HostAndPort("10.0.0.2", 7001);

    /** Records each round trip and answers it with the scripted replies, in order. */
    private static final class ScriptedNode {
        final List<List<String>> roundTrips = new ArrayList<>();
        final List<Reply> script;

        ScriptedNode(Reply... replies) {
            this.script = new ArrayList<>(List.of(replies));
        }

        Batch batch() {
            return new Batch(commands -> {
                roundTrips.add(commands.stream().map(BatchTest::spell).toList());
                List<Reply> out = new ArrayList<>(script.subList(0, commands.size()));
                script.subList(0, commands.size()).clear();
                return out;
            });
        }
    }

    private static String spell(Object[] command) {
        return Arrays.stream(command).map(a -> a instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                : a.toString()).collect(Collectors.joining(" "));
    }

    private static Reply bulk(String s) {
        return new Reply.Bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply array(Reply... items) {
        return new Reply.Array(List.of(items));
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stepsGoOutTogetherInOneRoundTripAndEachReadsItsOwnReply() {
        ScriptedNode node = new ScriptedNode(Reply.OK, array(bulk("a"), bulk("b")), new Reply.Int(2),
                new Reply.Error("ERR Unknown node ffff"));
        Batch b = node.batch();
        Step<Void> migrating = b.migrating(5, "t1");
        Step<List<byte[]>> keys = b.getKeysInSlot(5, 100);
        Step<Long> count = b.countKeysInSlot(5);
        Step<Void> owner = b.node(5, "ffff");
        b.send();
        assertEquals(List.of(List.of("CLUSTER SETSLOT 5 MIGRATING t1", "CLUSTER GETKEYSINSLOT 5 100",
                "CLUSTER COUNTKEYSINSLOT 5", "CLUSTER SETSLOT 5 NODE ffff")), node.roundTrips);
        assertTrue(migrating.answer().isOk());
        assertEquals(List.of("a", "b"), keys.answer().orElse(List.of()).stream()
                .map(k -> new String(k, StandardCharsets.UTF_8)).toList());
        assertEquals(2L, count.answer().orElse(-1L));
        assertEquals(Kind.UNKNOWN_NODE, owner.answer().error().orElseThrow().kind());
        assertEquals("CLUSTER SETSLOT", owner.command());
    }

    @Test
    void aSecondSendOnlySendsTheStepsAddedSince() {
        ScriptedNode node = new ScriptedNode(Reply.OK, Reply.OK);
        Batch b = node.batch();
        b.stable(1);
        b.send();
        b.send(); // nothing new: no round trip
        Step<Void> later = b.stable(2);
        b.send();
        assertEquals(List.of(List.of("CLUSTER SETSLOT 1 STABLE"), List.of("CLUSTER SETSLOT 2 STABLE")),
                node.roundTrips);
        assertTrue(later.answer().isOk());
    }

    @Test
    void anAnswerIsNotThereBeforeTheBatchIsSent() {
        Batch b = new ScriptedNode(Reply.OK).batch();
        Step<Void> s = b.stable(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::answer);
        assertTrue(e.getMessage().contains("CLUSTER SETSLOT"), e.getMessage());
        assertFalse(b.sent());
    }

    @Test
    void aReplyOfTheWrongShapeIsARefusalNotACrash() {
        ScriptedNode node = new ScriptedNode(bulk("3"), array(new Reply.Int(1)), new Reply.Error("NOPERM no"));
        Batch b = node.batch();
        Step<Long> count = b.countKeysInSlot(1);
        Step<List<byte[]>> keys = b.getKeysInSlot(1, 10);
        Step<Long> denied = b.countKeysInSlot(2);
        b.send();
        assertTrue(count.answer().error().orElseThrow().message().startsWith("unexpected reply"));
        assertTrue(keys.answer().error().isPresent());
        assertEquals(Kind.AUTH, denied.answer().error().orElseThrow().kind());
        assertEquals(7L, count.answer().orElse(7L), "a refused count falls back to what the caller chose");
    }

    @Test
    void migrateSpellsItsOptionsInRedisOrderAndToldNoKeyApart() {
        ScriptedNode node = new ScriptedNode(Reply.OK, new Reply.Simple("NOKEY"),
                new Reply.Error("BUSYKEY Target key name already exists."));
        Batch b = node.batch();
        Step<Migrated> moved = b.migrate(new Batch.Migrate(TARGET, List.of(key("a"), key("b")), 5000, false, false,
                MigrateAuth.none()));
        Step<Migrated> gone = b.migrate(new Batch.Migrate(TARGET, List.of(key("c")), 5000, true, true,
                new MigrateAuth(Optional.of("admin"), Optional.of("pw".toCharArray()))));
        Step<Migrated> busy = b.migrate(new Batch.Migrate(TARGET, List.of(key("d")), 5000, false, false,
                new MigrateAuth(Optional.empty(), Optional.of("pw".toCharArray()))));
        b.send();
        assertEquals(List.of(
                "MIGRATE 10.0.0.2 7001  0 5000 KEYS a b",
                "MIGRATE 10.0.0.2 7001  0 5000 COPY REPLACE AUTH2 admin pw KEYS c",
                "MIGRATE 10.0.0.2 7001  0 5000 AUTH pw KEYS d"), node.roundTrips.get(0));
        assertEquals(Migrated.MOVED, moved.answer().orElse(null));
        assertEquals(Migrated.NO_KEYS, gone.answer().orElse(null));
        assertEquals(Kind.BUSY_KEY, busy.answer().error().orElseThrow().kind());
    }

    @Test
    void existsMemoryConfigAndScanReadWhatTheyMean() {
        ScriptedNode node = new ScriptedNode(new Reply.Int(1), new Reply.Int(0), new Reply.Int(72), Reply.NIL,
                array(bulk("dir"), bulk("/var/lib/redis")), array(),
                array(bulk("17"), array(bulk("k1"), bulk("k2"))));
        Batch b = node.batch();
        Step<Boolean> there = b.exists(key("a"));
        Step<Boolean> absent = b.exists(key("b"));
        Step<OptionalLong> bytes = b.memoryUsage(key("a"));
        Step<OptionalLong> expired = b.memoryUsage(key("gone"));
        Step<Optional<String>> dir = b.configGet("dir");
        Step<Optional<String>> unknown = b.configGet("no-such-parameter");
        Step<Batch.ScanPage> page = b.scan("0", 1000);
        b.send();
        assertEquals(true, there.answer().orElse(null));
        assertEquals(false, absent.answer().orElse(null));
        assertEquals(OptionalLong.of(72), bytes.answer().orElse(null));
        assertEquals(OptionalLong.empty(), expired.answer().orElse(null));
        assertEquals(Optional.of("/var/lib/redis"), dir.answer().orElse(null));
        assertEquals(Optional.empty(), unknown.answer().orElse(null));
        Batch.ScanPage p = page.answer().orElseThrow(e -> new IllegalStateException(e.message()));
        assertEquals("17", p.cursor());
        assertEquals(2, p.keys().size());
        assertEquals("SCAN 0 COUNT 1000", node.roundTrips.get(0).get(6));
    }

    @Test
    void takingSlotsIsOneTransactionThatFailsOnAnyErrorInside() {
        ServerVersion v7 = ServerVersion.parse("7.0.15");
        ScriptedNode ok = new ScriptedNode(Reply.OK, new Reply.Simple("QUEUED"), new Reply.Simple("QUEUED"),
                new Reply.Simple("QUEUED"), array(Reply.OK, Reply.OK, new Reply.Simple("BUMPED 9")));
        Batch b = ok.batch();
        Step<Void> took = b.takeSlots(SlotSet.of(List.of(3)), SlotSet.of(List.of(1, 2, 3)), v7);
        b.send();
        assertEquals(List.of(List.of("MULTI", "CLUSTER DELSLOTSRANGE 3 3", "CLUSTER ADDSLOTSRANGE 1 3",
                "CLUSTER BUMPEPOCH", "EXEC")), ok.roundTrips);
        assertTrue(took.answer().isOk());

        ScriptedNode inside = new ScriptedNode(Reply.OK, new Reply.Simple("QUEUED"), new Reply.Simple("QUEUED"),
                array(new Reply.Error("ERR Slot 1 is already busy"), new Reply.Simple("BUMPED 9")));
        Batch b2 = inside.batch();
        Step<Void> busy = b2.takeSlots(SlotSet.of(List.of()), SlotSet.of(List.of(1)),
                ServerVersion.parse("6.2.11"));
        b2.send();
        assertEquals(List.of("MULTI", "CLUSTER ADDSLOTS 1", "CLUSTER BUMPEPOCH", "EXEC"), inside.roundTrips.get(0));
        assertEquals("ERR Slot 1 is already busy", busy.answer().error().orElseThrow().message());

        ScriptedNode aborted = new ScriptedNode(Reply.OK, new Reply.Error("ERR wrong number of arguments"),
                new Reply.Simple("QUEUED"), new Reply.Error("EXECABORT Transaction discarded"));
        Batch b3 = aborted.batch();
        Step<Void> discarded = b3.takeSlots(SlotSet.of(List.of()), SlotSet.of(List.of(1)), v7);
        b3.send();
        assertEquals("EXECABORT", discarded.answer().error().orElseThrow().code());
    }

    @Test
    void failoverNamesItsModeOnlyWhenGiven() {
        ScriptedNode node = new ScriptedNode(Reply.OK, new Reply.Error("ERR You should send CLUSTER FAILOVER to a "
                + "replica"));
        Batch b = node.batch();
        b.failover(Optional.empty());
        Step<Void> forced = b.failover(Optional.of("FORCE"));
        b.send();
        assertEquals(List.of("CLUSTER FAILOVER", "CLUSTER FAILOVER FORCE"), node.roundTrips.get(0));
        assertEquals(Kind.OTHER, forced.answer().error().orElseThrow().kind());
    }
}
