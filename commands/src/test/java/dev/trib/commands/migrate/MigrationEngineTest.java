package dev.trib.commands.migrate;

import dev.trib.commands.node.Batch;
import dev.trib.commands.node.FakeCluster;
import dev.trib.commands.node.FakeCluster.Node;
import dev.trib.commands.node.ServerVersion;
import dev.trib.commands.node.SlotCommands.MigrateAuth;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.topology.HostAndPort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration engine's round logic against scripted masters that keep their own keys and slot marks: what moves,
 * in how many round trips, what is retried, and what stops a run without losing keys.
 */
class MigrationEngineTest {
    private static final ServerVersion V7 = ServerVersion.parse("7.0.15");

    private FakeCluster cluster;
    private Node a;
    private Node b;
    private Node c;

    @BeforeEach
    void threeMasters() {
        cluster = new FakeCluster();
        a = cluster.add("aaaa", 7000, V7);
        b = cluster.add("bbbb", 7001, V7);
        c = cluster.add("cccc", 7002, V7);
        cluster.assign(a, 0, 99);
        cluster.assign(b, 100, 199);
        cluster.assign(c, 200, 299);
    }

    private Map<String, HostAndPort> masters() {
        Map<String, HostAndPort> m = new LinkedHashMap<>();
        for (Node n : List.of(a, b, c)) {
            m.put(n.id(), n.address());
        }
        return m;
    }

    private static MigrationOptions options(int keysPerMigrate, int slotsPerRound, boolean replace) {
        return new MigrationOptions(keysPerMigrate, 1000, replace, 4, slotsPerRound, MigrateAuth.none());
    }

    private static List<SlotMove> moves(int from, int to, Node source, Node target) {
        return IntStream.rangeClosed(from, to).mapToObj(s -> new SlotMove(s, source.id(), target.id())).toList();
    }

    private Map<Integer, String> owners() {
        Map<Integer, String> m = new HashMap<>();
        for (int s = 0; s < 300; s++) {
            m.put(s, a.ownerOf(s));
        }
        return m;
    }

    /** Records what the engine reports. */
    private static final class Recorder implements MigrationListener {
        final List<Integer> done = Collections.synchronizedList(new ArrayList<>());
        final List<String> retries = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void slotsDone(List<Integer> slots, long keysMoved) {
            done.addAll(slots);
        }

        @Override
        public void retrying(String what) {
            retries.add(what);
        }
    }

    @Test
    void everyKeyMovesAndEveryMasterLearnsTheNewOwner(@TempDir Path dir) {
        a.put(FakeCluster.keysOfSlot(3, 25), "v");   // more keys than one MIGRATE carries
        a.put(FakeCluster.keysOfSlot(7, 1), "v");
        Journal journal = Journal.create(dir.resolve("j.json"), "reshard", "127.0.0.1:7000", moves(0, 9, a, b),
                List.of(a.id(), b.id(), c.id()), options(10, 4, false));
        Recorder listener = new Recorder();

        MigrationEngine.Result r = new MigrationEngine(cluster, masters(), options(10, 4, false), listener)
                .run(moves(0, 9, a, b), owners(), journal);

        assertEquals(10, r.slotsMoved());
        assertEquals(26, r.keysMoved());
        assertFalse(r.stopped());
        assertEquals(0, a.keysIn(3).size() + a.keysIn(7).size());
        assertEquals(25, b.keysIn(3).size());
        assertEquals(1, b.keysIn(7).size());
        for (int s = 0; s <= 9; s++) {
            for (Node n : List.of(a, b, c)) {
                assertEquals(b.id(), n.ownerOf(s), n + " on slot " + s);
            }
            assertFalse(a.migrating().containsKey(s), "no MIGRATING mark left on the source");
            assertFalse(b.importing().containsKey(s), "no IMPORTING mark left on the target");
        }
        assertEquals(a.id(), c.ownerOf(10), "slots not in the plan stay where they were");
        assertEquals(IntStream.rangeClosed(0, 9).boxed().toList(), listener.done.stream().sorted().toList());
        assertEquals(List.of(), Journal.load(dir.resolve("j.json")).remaining());
    }

    @Test
    void aRoundOpensItsSlotsInOneRoundTripAndAMigrateCarriesOnlyOneSlot() {
        for (int s = 0; s < 10; s++) {
            a.put(FakeCluster.keysOfSlot(s, 2), "v");
        }
        new MigrationEngine(cluster, masters(), options(100, 4, false), MigrationListener.NONE)
                .run(moves(0, 9, a, b), owners(), null);

        // 10 slots, 4 per round: 3 rounds, each opening all its slots on the source in one round trip.
        long openingTrips = a.roundTrips().stream().filter(t -> t.get(0).contains("MIGRATING")).count();
        assertEquals(3, openingTrips);
        assertEquals(10, IntStream.range(0, 10).mapToLong(s -> a.count("CLUSTER SETSLOT " + s + " MIGRATING")).sum());
        for (List<String> trip : a.roundTrips()) {
            for (String cmd : trip) {
                if (cmd.startsWith("MIGRATE")) {
                    String keys = cmd.substring(cmd.indexOf(" KEYS ") + 6);
                    assertEquals(1, java.util.Arrays.stream(keys.split(" "))
                            .map(k -> k.substring(0, k.indexOf('}'))).distinct().count(), cmd);
                }
            }
        }
        assertEquals(20, b.keyCount());
    }

    @Test
    void theOtherMastersHearOfTheNewOwnersInABatchNotOneRoundTripPerRound() {
        new MigrationEngine(cluster, masters(), options(100, 1, false), MigrationListener.NONE)
                .run(moves(0, 9, a, b), owners(), null);

        // 10 rounds of one slot; c is told once a second and at the end: a quick run is one round trip.
        List<List<String>> toldC = c.roundTrips().stream().filter(t -> t.get(0).startsWith("CLUSTER SETSLOT"))
                .toList();
        assertTrue(toldC.size() <= 2, "round trips to the uninvolved master: " + toldC);
        assertEquals(10, c.count("CLUSTER SETSLOT"));
        for (int s = 0; s <= 9; s++) {
            assertEquals(b.id(), c.ownerOf(s), "slot " + s);
        }
    }

    /**
     * Runs the moves in one-slot rounds while {@code slow}'s IMPORTING of {@code held} waits until {@code others}
     * hold every key of theirs; returns the keys of the held slot on {@code slow} at that moment (none when the
     * other rounds went on meanwhile), or nothing when that moment never came before the hold gave up.
     */
    private List<Long> heldSlotKeysWhenTheOthersWereDone(List<SlotMove> moves, Node slow, int held,
                                                         Map<Node, List<Integer>> others, long othersKeys) {
        CountDownLatch othersDone = new CountDownLatch(1);
        slow.holdImport(held, othersDone);
        List<Long> heldKeys = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void keysMoved(long total) {
                long arrived = others.entrySet().stream().mapToLong(e -> e.getValue().stream()
                        .mapToLong(s -> e.getKey().keysIn(s).size()).sum()).sum();
                if (arrived == othersKeys && othersDone.getCount() == 1) {
                    heldKeys.add((long) slow.keysIn(held).size());
                    othersDone.countDown();
                }
            }
        };
        MigrationEngine.Result r = new MigrationEngine(cluster, masters(), options(10, 1, false), listener)
                .run(moves, owners(), null);
        assertEquals(moves.size(), r.slotsMoved());
        return heldKeys;
    }

    @Test
    void aSourceServesAnotherTargetWhileOneIsSlowToAnswer() {
        for (int s = 0; s <= 9; s++) {
            a.put(FakeCluster.keysOfSlot(s, 2), "v");
        }
        List<SlotMove> moves = IntStream.rangeClosed(0, 9)
                .mapToObj(s -> new SlotMove(s, a.id(), (s % 2 == 0 ? b : c).id())).toList();

        List<Long> held = heldSlotKeysWhenTheOthersWereDone(moves, b, 0,
                Map.of(c, List.of(1, 3, 5, 7, 9)), 10);

        assertEquals(List.of(0L), held, "c got every key of its slots while b's slot 0 waited");
        assertEquals(10, b.keyCount());
        assertEquals(10, c.keyCount());
        assertEquals(Map.of(), a.migrating());
    }

    @Test
    void aTargetTakesFromAnotherSourceWhileOneIsSlowToAnswer() {
        a.put(FakeCluster.keysOfSlot(0, 2), "v");
        for (int s = 100; s <= 104; s++) {
            b.put(FakeCluster.keysOfSlot(s, 2), "v");
        }
        List<SlotMove> moves = new ArrayList<>(List.of(new SlotMove(0, a.id(), c.id())));
        IntStream.rangeClosed(100, 104).forEach(s -> moves.add(new SlotMove(s, b.id(), c.id())));

        List<Long> held = heldSlotKeysWhenTheOthersWereDone(moves, c, 0,
                Map.of(c, List.of(100, 101, 102, 103, 104)), 10);

        assertEquals(List.of(0L), held, "c got every key of b's slots while a's slot 0 waited");
        assertEquals(12, c.keyCount());
        assertEquals(0, a.keyCount() + b.keyCount());
        assertEquals(Map.of(), c.importing());
    }

    /** Drains slots 0-9 of a to b and c in one-slot rounds while b's first claim waits for every key to move. */
    private MigrationEngine.Result drainWhileBClosesSlowly(Set<String> closableTogether) {
        for (int s = 0; s <= 9; s++) {
            a.put(FakeCluster.keysOfSlot(s, 2), "v");
        }
        CountDownLatch allKeysMoved = new CountDownLatch(1);
        b.holdNextClaim(allKeysMoved);
        MigrationListener listener = new MigrationListener() {
            @Override
            public void keysMoved(long total) {
                if (total == 20) {
                    allKeysMoved.countDown();
                }
            }
        };
        List<SlotMove> moves = IntStream.rangeClosed(0, 9)
                .mapToObj(s -> new SlotMove(s, a.id(), (s % 2 == 0 ? b : c).id())).toList();
        return new MigrationEngine(cluster, masters(), options(10, 1, false), listener, KeySizes.NONE,
                closableTogether, LastSlotsWait.NONE).run(moves, owners(), null);
    }

    private long sourceNodeRoundTrips() {
        return a.roundTrips().stream().filter(t -> t.get(0).startsWith("CLUSTER SETSLOT") && t.get(0)
                .contains(" NODE ")).count();
    }

    @Test
    void roundsOfASourceClearedToCloseTogetherGiveUpTheirSlotsInOneRoundTrip() {
        MigrationEngine.Result r = drainWhileBClosesSlowly(Set.of(a.id()));

        assertEquals(10, r.slotsMoved());
        assertEquals(20, r.keysMoved());
        // The first round waits for b; the rounds queued meanwhile close together (the last may come alone).
        assertTrue(sourceNodeRoundTrips() <= 3, "round trips of NODE steps to the source: " + a.roundTrips());
        for (int s = 0; s <= 9; s++) {
            Node target = s % 2 == 0 ? b : c;
            for (Node n : List.of(a, b, c)) {
                assertEquals(target.id(), n.ownerOf(s), "slot " + s + " on " + n.id());
            }
            assertEquals(2, target.keysIn(s).size(), "slot " + s);
        }
        assertEquals(Map.of(), a.migrating());
        assertEquals(Map.of(), b.importing());
        assertEquals(Map.of(), c.importing());
    }

    @Test
    void roundsOfOtherSourcesCloseOneAtATimeTargetThenSource() {
        MigrationEngine.Result r = drainWhileBClosesSlowly(Set.of());

        assertEquals(10, r.slotsMoved());
        // However long a target takes, each round is closed on its own: target, then source.
        assertEquals(10, sourceNodeRoundTrips());
        for (int s = 0; s <= 9; s++) {
            Node target = s % 2 == 0 ? b : c;
            assertEquals(target.id(), a.ownerOf(s), "slot " + s);
            assertEquals(2, target.keysIn(s).size(), "slot " + s);
        }
        assertEquals(Map.of(), a.migrating());
    }

    /** Every slot of a (0-99) to b and c, ten rounds of ten: a is left without slots. */
    private static List<SlotMove> drainOfA(Node a, Node b, Node c) {
        return IntStream.rangeClosed(0, 99).mapToObj(s -> new SlotMove(s, a.id(), drainTarget(s, b, c).id()))
                .toList();
    }

    private static Node drainTarget(int slot, Node b, Node c) {
        return slot / 10 % 2 == 0 ? b : c;
    }

    /** The ten slots of one round of {@link #drainOfA}: rounds to b and to c run at once, either may end last. */
    private static void assertOneRound(Collection<Integer> slots) {
        int first = slots.stream().min(Integer::compare).orElseThrow();
        assertEquals(IntStream.range(first, first + 10).boxed().toList(), slots.stream().sorted().toList());
        assertEquals(0, first % 10, "a round starts at a multiple of ten: " + slots);
    }

    @Test
    void aSourceGivesUpItsLastSlotsOnlyOnceEveryMasterKnowsWhereItsOthersWent() {
        for (int s = 0; s <= 99; s++) {
            a.put(FakeCluster.keysOfSlot(s, 1), "v");
        }
        List<String> seen = new ArrayList<>();
        Set<Integer> kept = new java.util.TreeSet<>();
        LastSlotsWait wait = (sourceId, keeps) -> {
            seen.add(sourceId);
            kept.addAll(keeps);
            for (int s = 0; s <= 99; s++) {
                String expected = keeps.contains(s) ? a.id() : drainTarget(s, b, c).id();
                for (Node n : List.of(a, b, c)) {
                    assertEquals(expected, n.ownerOf(s), "slot " + s + " on " + n.id() + " while a waits");
                }
            }
        };
        MigrationEngine.Result r = new MigrationEngine(cluster, masters(), options(10, 10, false),
                MigrationListener.NONE, KeySizes.NONE, Set.of(a.id()), wait).run(drainOfA(a, b, c), owners(), null);

        assertEquals(List.of(a.id()), seen);
        assertOneRound(kept);
        assertEquals(100, r.slotsMoved());
        assertEquals(0, a.keyCount());
        for (int s : kept) {
            assertEquals(drainTarget(s, b, c).id(), a.ownerOf(s), "slot " + s);
        }
    }

    @Test
    void aSourceThatKeepsSlotsNeverWaits() {
        List<String> seen = new ArrayList<>();
        new MigrationEngine(cluster, masters(), options(10, 10, false), MigrationListener.NONE, KeySizes.NONE,
                Set.of(a.id()), (sourceId, keeps) -> seen.add(sourceId))
                .run(drainOfA(a, b, c).subList(0, 90), owners(), null);

        assertEquals(List.of(), seen);
        assertEquals(a.id(), a.ownerOf(90));
    }

    @Test
    void whenTheWaitGivesUpTheLastSlotsStayOpenWithTheirKeysMoved() {
        for (int s = 0; s <= 99; s++) {
            a.put(FakeCluster.keysOfSlot(s, 1), "v");
        }
        MigrationException e = assertThrows(MigrationException.class, () -> new MigrationEngine(cluster, masters(),
                options(10, 10, false), MigrationListener.NONE, KeySizes.NONE, Set.of(),
                (sourceId, keeps) -> {
                    throw new IllegalStateException("Gave up after 30000 ms: 127.0.0.1:7002 does not agree");
                }).run(drainOfA(a, b, c), owners(), null));

        List<Integer> open = e.openSlots();
        assertOneRound(open);
        assertTrue(e.getMessage().startsWith("Slot(s) " + open.get(0) + "-" + open.get(9) + ", the last of "
                + a.address() + ", were left open"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Gave up after 30000 ms: 127.0.0.1:7002 does not agree"), e.getMessage());
        for (int s = 0; s <= 99; s++) {
            Node target = drainTarget(s, b, c);
            if (open.contains(s)) {
                assertEquals(a.id(), a.ownerOf(s), "slot " + s);
                assertEquals(target.id(), a.migrating().get(s), "slot " + s);
            } else {
                assertEquals(target.id(), a.ownerOf(s), "slot " + s);
            }
            assertEquals(1, target.keysIn(s).size(), "slot " + s);
        }
    }

    @Test
    void anIoErrorIsRetriedAndTheKeysStillArrive() {
        a.put(FakeCluster.keysOfSlot(5, 3), "v");
        a.failMigrates(2);
        Recorder listener = new Recorder();
        MigrationEngine.Result r = new MigrationEngine(cluster, masters(), options(10, 8, false), listener)
                .run(moves(5, 5, a, b), owners(), null);
        assertEquals(3, b.keysIn(5).size());
        assertEquals(3, r.keysMoved());
        assertEquals(2, listener.retries.size());
        assertTrue(listener.retries.get(0).contains("IOERR"), listener.retries.get(0));
        assertTrue(listener.retries.get(1).contains("retrying with a 4000 ms timeout"), listener.retries.get(1));
    }

    @Test
    void tooManyIoErrorsStopTheRunWithTheKeysStillOnTheSource() {
        a.put(FakeCluster.keysOfSlot(5, 3), "v");
        a.failMigrates(100);
        MigrationException e = assertThrows(MigrationException.class, () -> new MigrationEngine(cluster, masters(),
                options(10, 8, false), MigrationListener.NONE).run(moves(5, 5, a, b), owners(), null));
        assertTrue(e.getMessage().startsWith("Slot 5: could not move key {"), e.getMessage());
        assertTrue(e.getMessage().contains("IOERR"), e.getMessage());
        assertEquals(List.of(5), e.openSlots());
        assertEquals(3, a.keysIn(5).size(), "nothing lost");
        assertEquals(a.id(), a.ownerOf(5));
    }

    @Test
    void aKeyTheTargetAlreadyHoldsStopsTheRunAndIsNamedUnlessReplacing() {
        List<String> keys = FakeCluster.keysOfSlot(9, 3);
        a.put(keys, "new");
        b.put(keys.subList(1, 2), "old");
        MigrationException e = assertThrows(MigrationException.class, () -> new MigrationEngine(cluster, masters(),
                options(10, 8, false), MigrationListener.NONE).run(moves(9, 9, a, b), owners(), null));
        assertEquals("Slot 9: key(s) " + keys.get(1) + " already exist on " + b.address() + " (BUSYKEY). Nothing was "
                + "overwritten; rerun with --replace to overwrite them", e.getMessage());
        assertEquals("old", b.keysIn(9).get(keys.get(1)));
        assertEquals(3, a.keysIn(9).size());

        new MigrationEngine(cluster, masters(), options(10, 8, true), MigrationListener.NONE)
                .run(moves(9, 9, a, b), owners(), null);
        assertEquals("new", b.keysIn(9).get(keys.get(1)));
        assertEquals(b.id(), c.ownerOf(9));
    }

    @Test
    void aSourceThatStillHoldsKeysWhenToldTheNewOwnerFailsTheRun() {
        a.put(FakeCluster.keysOfSlot(4, 2), "v");
        a.hideKeys();
        MigrationException e = assertThrows(MigrationException.class, () -> new MigrationEngine(cluster, masters(),
                options(10, 8, false), MigrationListener.NONE).run(moves(4, 4, a, b), owners(), null));
        assertTrue(e.getMessage().contains(a.address() + " still holds keys of slot 4 after the move"),
                e.getMessage());
        assertEquals(2, a.keysIn(4).size());
    }

    @Test
    void aPlanWhoseSourceNoLongerOwnsTheSlotChangesNothing() {
        Map<Integer, String> owners = owners();
        owners.put(1, c.id());
        MigrationException e = assertThrows(MigrationException.class, () -> new MigrationEngine(cluster, masters(),
                options(10, 8, false), MigrationListener.NONE).run(moves(1, 1, a, b), owners, null));
        assertTrue(e.getMessage().contains("plan is out of date"), e.getMessage());
        assertEquals(0, a.count("CLUSTER SETSLOT"));
        assertEquals(0, b.count("CLUSTER SETSLOT"));
    }

    @Test
    void aSlotAlreadyOnItsTargetIsOnlyClosed() {
        // An interrupted run: the keys moved and the target took the slot, the source still marks it migrating.
        Batch open = a.batch();
        open.migrating(2, b.id());
        open.send();
        b.put(FakeCluster.keysOfSlot(2, 2), "v");
        cluster.assign(b, 2, 2);
        assertEquals(Map.of(2, b.id()), a.migrating());

        MigrationEngine.Result r = new MigrationEngine(cluster, masters(), options(10, 8, false),
                MigrationListener.NONE).run(moves(2, 2, a, b), owners(), null);

        assertEquals(1, r.slotsMoved());
        assertEquals(0, r.keysMoved());
        assertEquals(0, a.count("MIGRATE"), "nothing to move again");
        assertEquals(1, a.count("CLUSTER SETSLOT 2 NODE " + b.id()), "the source's mark is cleared");
        assertEquals(Map.of(), a.migrating());
        assertEquals(2, b.keysIn(2).size());
    }

    @Test
    void anUnknownMasterIsRefusedBeforeAnythingMoves() {
        MigrationException e = assertThrows(MigrationException.class, () -> new MigrationEngine(cluster, masters(),
                options(10, 8, false), MigrationListener.NONE).run(List.of(new SlotMove(1, a.id(), "dddd")),
                owners(), null));
        assertEquals("Node dddd is not a master of this cluster any more", e.getMessage());
        assertEquals(0, a.roundTrips().size());
    }

    @Test
    void keysDoNotFlowToAnOlderServerButEmptySlotsDo() {
        FakeCluster mixed = new FakeCluster();
        Node newer = mixed.add("nnnn", 7000, V7);
        Node older = mixed.add("oooo", 7001, ServerVersion.parse("6.2.11"));
        mixed.assign(newer, 0, 9);
        mixed.assign(older, 10, 19);
        Map<String, HostAndPort> masters = Map.of(newer.id(), newer.address(), older.id(), older.address());
        Map<Integer, String> owners = new HashMap<>();
        IntStream.range(0, 20).forEach(s -> owners.put(s, newer.ownerOf(s)));

        new MigrationEngine(mixed, masters, options(10, 8, false), MigrationListener.NONE)
                .run(moves(0, 1, newer, older), owners, null);
        assertEquals(older.id(), newer.ownerOf(1), "empty slots move");

        newer.put(FakeCluster.keysOfSlot(5, 4), "v");
        owners.put(0, older.id());
        owners.put(1, older.id());
        MigrationRefusedException e = assertThrows(MigrationRefusedException.class, () -> new MigrationEngine(
                mixed, masters, options(10, 8, false), MigrationListener.NONE).run(moves(4, 6, newer, older), owners,
                null));
        assertTrue(e.getMessage().startsWith("Cannot move 4 keys: "), e.getMessage());
        assertEquals(4, newer.keysIn(5).size());
        assertEquals(newer.id(), older.ownerOf(5));
    }

    /** The MIGRATEs the source ran, in order, as "timeout key key ...". */
    private static List<String> migrates(Node source) {
        List<String> out = new ArrayList<>();
        for (List<String> trip : source.roundTrips()) {
            for (String cmd : trip) {
                if (cmd.startsWith("MIGRATE")) {
                    String[] words = cmd.split(" ");
                    out.add(words[5] + " " + cmd.substring(cmd.indexOf(" KEYS ") + 6));
                }
            }
        }
        return out;
    }

    @Test
    void bigKeysMoveAloneAfterTheOtherKeysOfTheirSlotWithATimeoutSizedToThem() {
        List<String> keys = FakeCluster.keysOfSlot(5, 26);
        a.put(keys, "v");
        // Keys list in name order: the big one, {t..}:0, is listed first on every page, yet moves last.
        String big = keys.get(0);
        KeySizes sizes = KeySizes.of(List.of(new KeySizes.BigKey(5, big, 50L * 1024 * 1024)),
                Map.of(5, 100L), 20.0 * 1024 * 1024);
        List<String> alone = Collections.synchronizedList(new ArrayList<>());
        MigrationListener listener = new MigrationListener() {
            @Override
            public void bigKeyMoved(int slot, String key, long bytes, int timeoutMs, long tookMs) {
                alone.add(slot + " " + key + " " + timeoutMs);
            }
        };

        MigrationEngine.Result r = new MigrationEngine(cluster, masters(), options(10, 8, false), listener, sizes, Set.of(), LastSlotsWait.NONE)
                .run(moves(5, 5, a, b), owners(), null);

        assertEquals(26, r.keysMoved());
        assertEquals(26, b.keysIn(5).size());
        assertEquals(b.id(), c.ownerOf(5));
        List<String> calls = migrates(a);
        assertEquals(4, calls.size(), calls.toString());
        for (String call : calls.subList(0, 3)) {
            assertEquals("1000", call.split(" ")[0], "small keys keep the user's timeout: " + call);
            assertFalse(java.util.Arrays.asList(call.split(" ")).contains(big), call);
        }
        // 50 MB at 5 MB/s: 10 s, not the user's 1 s.
        assertEquals("10000 " + big, calls.get(3), "alone, last, its own timeout");
        assertEquals(List.of("5 " + big + " 10000"), alone);
        assertEquals(List.of(java.time.Duration.ofSeconds(20)), a.replyWaits(),
                "the client waits for the big key's reply longer than the command timeout; not for the others");
        // Alone in its round trip too: the source serves others between two big keys.
        assertTrue(a.roundTrips().stream().filter(t -> t.stream().anyMatch(c -> c.startsWith("MIGRATE")
                && c.endsWith(" KEYS " + big))).allMatch(t -> t.stream().filter(c -> c.startsWith("MIGRATE"))
                .count() == 1));
    }

    @Test
    void moreBigKeysThanOneCallCarriesStillLeaveRoomForTheOthers() {
        List<String> keys = FakeCluster.keysOfSlot(6, 8);
        a.put(keys, "v");
        List<KeySizes.BigKey> big = keys.subList(0, 3).stream().map(k -> new KeySizes.BigKey(6, k, 1024)).toList();

        new MigrationEngine(cluster, masters(), options(2, 8, false), MigrationListener.NONE,
                KeySizes.of(big, Map.of(), 0), Set.of(), LastSlotsWait.NONE).run(moves(6, 6, a, b), owners(), null);

        assertEquals(8, b.keysIn(6).size());
        List<String> calls = migrates(a);
        assertEquals(6, calls.size(), calls.toString());
        assertEquals(List.of("1000 " + keys.get(0), "1000 " + keys.get(1), "1000 " + keys.get(2)),
                calls.subList(3, 6));
    }

    @Test
    void aBigKeyWhoseMigrateTimesOutIsRetriedWithTwiceItsTimeout() {
        List<String> keys = FakeCluster.keysOfSlot(7, 1);
        a.put(keys, "v");
        Recorder listener = new Recorder();
        a.failMigrates(1);

        new MigrationEngine(cluster, masters(), options(10, 8, false), listener, KeySizes.of(List.of(
                new KeySizes.BigKey(7, keys.get(0), 15L * 1024 * 1024)), Map.of(), 0), Set.of(), LastSlotsWait.NONE)
                .run(moves(7, 7, a, b), owners(), null);

        assertEquals(1, b.keysIn(7).size());
        assertEquals(List.of("3000 " + keys.get(0), "6000 " + keys.get(0)), migrates(a));
        assertEquals(1, listener.retries.size());
        assertTrue(listener.retries.get(0).endsWith("retrying with a 6000 ms timeout"), listener.retries.get(0));
    }

    @Test
    void aPipelinedCallIsGivenTheTimeItsKeysNeed() {
        a.put(FakeCluster.keysOfSlot(8, 10), "v");
        // 10 keys of 1 MB: 2 s at 5 MB/s.
        new MigrationEngine(cluster, masters(), options(10, 8, false), MigrationListener.NONE,
                KeySizes.of(List.of(), Map.of(8, 1024L * 1024), 0), Set.of(), LastSlotsWait.NONE).run(moves(8, 8, a, b), owners(), null);
        assertEquals("2000", migrates(a).get(0).split(" ")[0]);
    }
}
