package dev.trib.commands.migrate;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.Answer;
import dev.trib.commands.node.Batch;
import dev.trib.commands.node.Batch.Step;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeError;
import dev.trib.commands.node.Nodes;
import dev.trib.planner.alloc.SourceEpochs;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayDeque;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves hash slots and their keys between live masters with Redis's live-migration protocol, per slot:
 * IMPORTING on the target, MIGRATING on the source, MIGRATE ... KEYS until the slot is empty, then NODE on the
 * target, the source and every other master. Clients that follow ASK/MOVED see every key at every moment.
 *
 * <p>Speed comes from hiding round trips, not from skipping steps: a round opens up to
 * {@link MigrationOptions#slotsPerRound()} slots of one source/target pair together, so each step is one pipelined
 * round trip for all of them (MIGRATE still carries one slot's keys: the source answers CROSSSLOT otherwise);
 * rounds run at the same time, each on connections of its own, a node in several of them in one role (a source
 * serving several targets, a target taking from several sources) but never in both roles at once. A round's closing steps (NODE on the target, then the
 * source, then the others) run in the background on side connections while the next round's MIGRATEs keep the
 * source busy: the source is blocked during each MIGRATE anyway, and serves the short SETSLOTs in between. Rounds
 * of a source that is no target of the run are closed together, all their targets at once and then the source
 * once; the others one at a time. The caller makes sure each source's epoch is settled first
 * ({@link SourceEpochs}), and a source's last slots wait for every node to know where its others went
 * ({@link LastSlotsWait}). Each other master hears of all the new owners it has missed in one batch.
 */
public final class MigrationEngine {
    private static final int IOERR_RETRIES = 5;
    /**
     * The other masters hear of new owners in one batch each this often: told after each round, a drain of one
     * master of 150 sent 74 x 73 batches of three NODE steps, which took longer than the moves and slowed the
     * closing steps' round trips (the same nodes, on two cores).
     */
    static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(1);

    private final Nodes connector;
    private final Map<String, HostAndPort> masters;
    private final MigrationOptions options;
    private final MigrationListener listener;
    private final KeySizes sizes;
    private final Set<String> closableTogether;
    private final LastSlotsWait lastSlotsWait;
    /** Per source of the run, the slots it still owns: its last round waits ({@link LastSlotsWait}). Closer only. */
    private final Map<String, Set<Integer>> stillOwned = new HashMap<>();
    private final Object lock = new Object();
    /** Nodes in rounds now as their target, with how many. Guarded by {@link #lock}. */
    private final Map<String, Integer> targeting = new HashMap<>();
    /** Nodes in rounds now as their source, with how many. Guarded by {@link #lock}. */
    private final Map<String, Integer> sourcing = new HashMap<>();
    private final AtomicLong keysMoved = new AtomicLong();
    private final List<CompletableFuture<Void>> background = new ArrayList<>();
    /** Tells the other masters of new owners every {@link #ANNOUNCE_EVERY}, and once more at the end. */
    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trib-announce");
        t.setDaemon(true);
        return t;
    });
    // One thread: rounds are closed in the order their keys finished moving.
    private final ExecutorService closer = daemons(1, "trib-close");
    /** Rounds whose keys have moved, waiting for their NODE steps; guarded by itself. */
    private final Deque<Round> toClose = new ArrayDeque<>();
    /** Per master, the new owners it has not been told of yet: slot to owner id. */
    private final Map<String, Map<Integer, String>> unannounced = new HashMap<>();
    private final AtomicInteger slotsMoved = new AtomicInteger();
    private volatile boolean stopRequested;
    private RuntimeException failure;

    /**
     * @param masters every master of the cluster by id: sources, targets and the others told of new owners
     */
    public MigrationEngine(Nodes connector, Map<String, HostAndPort> masters, MigrationOptions options,
                           MigrationListener listener) {
        this(connector, masters, options, listener, KeySizes.NONE, Set.of(), LastSlotsWait.NONE);
    }

    /**
     * @param masters          every master of the cluster by id: sources, targets and the others told of new owners
     * @param sizes            what the rails measured of the moved keys: big keys are moved alone, timeouts sized
     *                         to bytes
     * @param closableTogether the sources whose rounds may be closed together
     *                         ({@link SourceEpochs#closableTogether}); the others are closed one round at a time
     * @param lastSlotsWait    what a source's last round waits for before it is closed
     */
    public MigrationEngine(Nodes connector, Map<String, HostAndPort> masters, MigrationOptions options,
                           MigrationListener listener, KeySizes sizes, Set<String> closableTogether,
                           LastSlotsWait lastSlotsWait) {
        this.connector = connector;
        this.masters = Map.copyOf(masters);
        this.options = options;
        this.listener = listener;
        this.sizes = sizes;
        this.closableTogether = Set.copyOf(closableTogether);
        this.lastSlotsWait = lastSlotsWait;
    }

    /** One pair's slots, moved together: what a round opens, empties and closes. */
    private record Round(String sourceId, String targetId, List<Integer> slots) {
    }

    private static ExecutorService daemons(int n, String name) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Finish the rounds in flight, start no new one. Safe from any thread (a Ctrl-C hook). */
    public void requestStop() {
        stopRequested = true;
    }

    /** What a run did. */
    public record Result(int slotsMoved, long keysMoved, boolean stopped) {
    }

    /**
     * Runs the moves; a slot already owned by its target (a resumed run) is only finalised.
     *
     * @param currentOwner each slot's owner now, as the masters claim it
     * @throws MigrationException naming the slot, key or node that stopped the run
     */
    public Result run(List<SlotMove> moves, Map<Integer, String> currentOwner, Journal journal) {
        Map<Integer, String> owner = new ConcurrentHashMap<>(currentOwner);
        Map<String, Deque<SlotMove>> byPair = new LinkedHashMap<>();
        for (SlotMove m : moves) {
            requireKnown(m.sourceId());
            requireKnown(m.targetId());
            byPair.computeIfAbsent(m.sourceId() + ">" + m.targetId(), k -> new ArrayDeque<>()).add(m);
        }
        requireDataCanFlow(byPair, owner);
        for (SlotMove m : moves) {
            stillOwned.computeIfAbsent(m.sourceId(), k -> new HashSet<>());
        }
        owner.forEach((slot, id) -> {
            Set<Integer> slots = stillOwned.get(id);
            if (slots != null) {
                slots.add(slot);
            }
        });
        announcer.scheduleWithFixedDelay(this::announcePending, ANNOUNCE_EVERY.toMillis(), ANNOUNCE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        int workers = Math.min(options.parallel(), Math.max(1, byPair.size()));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            int lane = i;
            Thread t = new Thread(() -> work(lane, byPair, owner, journal), "trib-migrate-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                stopRequested = true;
                Thread.currentThread().interrupt();
            }
        }
        // Closings first (each adds announcements), then what is left to announce.
        awaitBackground();
        closer.shutdown();
        announcer.shutdown();
        try {
            announcer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        announcePending();
        if (failure != null) {
            throw failure;
        }
        boolean stopped = byPair.values().stream().anyMatch(q -> !q.isEmpty());
        return new Result(slotsMoved.get(), keysMoved.get(), stopped);
    }

    private void awaitBackground() {
        List<CompletableFuture<Void>> pending;
        synchronized (background) {
            pending = new ArrayList<>(background);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            fail(e.getCause() instanceof RuntimeException r ? r : e, List.of());
        }
    }

    private void fail(RuntimeException e, List<Integer> slots) {
        synchronized (lock) {
            if (failure == null) {
                failure = e instanceof MigrationException ? e : new MigrationException(e.getMessage(), slots, e);
            }
            lock.notifyAll();
        }
    }

    private void submit(ExecutorService executor, Runnable task, List<Integer> slots) {
        CompletableFuture<Void> f = CompletableFuture.runAsync(task, executor);
        f.whenComplete((ok, e) -> {
            if (e != null) {
                fail(e instanceof CompletionException && e.getCause() instanceof RuntimeException r ? r
                        : e instanceof RuntimeException r ? r : new RuntimeException(e), slots);
            }
        });
        synchronized (background) {
            background.add(f);
        }
    }

    private void requireKnown(String id) {
        if (!masters.containsKey(id)) {
            throw new MigrationException("Node " + id + " is not a master of this cluster any more", List.of(), null);
        }
    }

    /**
     * A server loads only keys of its own RDB format or older ones (a 6.2 node refuses every 7.0 DUMP payload): a
     * pair from a newer source to an older target that has keys to move is refused before anything moves.
     */
    private void requireDataCanFlow(Map<String, Deque<SlotMove>> byPair, Map<Integer, String> owner) {
        for (Deque<SlotMove> pair : byPair.values()) {
            SlotMove first = pair.peek();
            NodeClient source;
            NodeClient target;
            try {
                source = connector.connect(masters.get(first.sourceId()));
                target = connector.connect(masters.get(first.targetId()));
            } catch (NodeAccessException e) {
                continue; // the move itself reports the unreachable node
            }
            Optional<String> refusal = target.serverVersion().refusalToRead(source.serverVersion(),
                    source.address(), target.address());
            if (refusal.isEmpty()) {
                continue;
            }
            Batch b = source.batch();
            List<Step<Long>> counts = pair.stream().filter(m -> first.sourceId().equals(owner.get(m.slot())))
                    .map(m -> b.countKeysInSlot(m.slot())).toList();
            b.send();
            long keys = counts.stream().mapToLong(c -> c.answer().orElse(0L)).sum();
            if (keys > 0) {
                throw new MigrationRefusedException("Cannot move " + keys + " keys: " + refusal.get());
            }
        }
    }

    /** One worker: takes rounds while there are any, on connections of its own lane. */
    private void work(int lane, Map<String, Deque<SlotMove>> byPair, Map<Integer, String> owner,
                      Journal journal) {
        while (true) {
            List<SlotMove> round;
            synchronized (lock) {
                while (true) {
                    if (stopRequested || failure != null) {
                        return;
                    }
                    round = takeRound(byPair);
                    if (round != null) {
                        break;
                    }
                    if (byPair.values().stream().allMatch(Deque::isEmpty)) {
                        return;
                    }
                    try {
                        lock.wait(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            SlotMove first = round.get(0);
            try {
                runRound(lane, first.sourceId(), first.targetId(), round, owner, journal);
            } catch (RuntimeException e) {
                fail(e, round.stream().map(SlotMove::slot).toList());
            } finally {
                synchronized (lock) {
                    sourcing.computeIfPresent(first.sourceId(), (id, n) -> n == 1 ? null : n - 1);
                    targeting.computeIfPresent(first.targetId(), (id, n) -> n == 1 ? null : n - 1);
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * The next slots of a pair neither of whose nodes is in a round now in the other role; marks them busy. A node
     * is in several rounds at once in one role: a drain's rounds all share their source, a reshard into one master
     * all share their target, and at 250 nodes on two cores each round trip to a node waits ~0.2 s for it to be
     * scheduled, so rounds one after another took ~0.6 s each while the shared node sat idle in between. Never in
     * both roles at once: a node's own claims as a target change the epoch it gives slots away with. Caller holds
     * the lock.
     */
    private List<SlotMove> takeRound(Map<String, Deque<SlotMove>> byPair) {
        for (Deque<SlotMove> q : byPair.values()) {
            if (q.isEmpty()) {
                continue;
            }
            SlotMove head = q.peek();
            if (targeting.containsKey(head.sourceId()) || sourcing.containsKey(head.targetId())) {
                continue;
            }
            List<SlotMove> round = new ArrayList<>();
            while (!q.isEmpty() && round.size() < options.slotsPerRound()) {
                round.add(q.poll());
            }
            sourcing.merge(head.sourceId(), 1, Integer::sum);
            targeting.merge(head.targetId(), 1, Integer::sum);
            return round;
        }
        return null;
    }

    /** Opens the round's slots and empties them, then leaves the closing to the closer thread. */
    private void runRound(int lane, String sourceId, String targetId, List<SlotMove> round,
                          Map<Integer, String> owner, Journal journal) {
        NodeClient source = connector.connectLane(masters.get(sourceId), lane);
        NodeClient target = connector.connectLane(masters.get(targetId), lane);
        List<Integer> toMove = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (SlotMove m : round) {
            String now = owner.get(m.slot());
            all.add(m.slot());
            if (targetId.equals(now)) {
                continue; // moved before an interruption: only the NODE steps may be missing
            }
            if (!sourceId.equals(now)) {
                throw new MigrationException("Slot " + m.slot() + " is owned by " + (now == null ? "no node" : now)
                        + ", not by the planned source " + sourceId + ": the plan is out of date", all, null);
            }
            toMove.add(m.slot());
        }
        if (!toMove.isEmpty()) {
            Batch b = target.batch();
            expectOk(target, b, toMove, toMove.stream().map(s -> b.importing(s, sourceId)).toList(), "IMPORTING",
                    all);
            moveKeys(source, target, targetId, toMove, all);
        }
        synchronized (toClose) {
            toClose.add(new Round(sourceId, targetId, all));
        }
        submit(closer, () -> closeQueued(owner, journal), all);
    }

    /**
     * Closes every round waiting: those of sources closable together in one go, the others one at a time, in the
     * order their keys finished moving; a round that takes a source's last slots goes after all the others, once
     * {@link LastSlotsWait} has seen every node know where the source's other slots went. A call that finds nothing
     * waiting (an earlier call took its round) returns.
     */
    private void closeQueued(Map<Integer, String> owner, Journal journal) {
        List<Round> ready;
        synchronized (toClose) {
            ready = List.copyOf(toClose);
            toClose.clear();
        }
        List<Round> last = lastRounds(ready);
        List<Round> before = ready.stream().filter(r -> !last.contains(r)).toList();
        close(before.stream().filter(r -> closableTogether.contains(r.sourceId())).toList(), owner, journal);
        for (Round r : before) {
            if (!closableTogether.contains(r.sourceId())) {
                close(List.of(r), owner, journal);
            }
        }
        for (Round r : last) {
            Set<Integer> keeps = new HashSet<>(r.slots());
            keeps.retainAll(stillOwned.get(r.sourceId()));
            announcePending(); // the masters are told at once; the replicas learn it from the bus
            long started = System.nanoTime();
            try {
                lastSlotsWait.await(r.sourceId(), Set.copyOf(keeps));
                listener.detail("every node knew where the other slots of " + masters.get(r.sourceId())
                        + " went after " + (System.nanoTime() - started) / 1_000_000 + " ms; closing its last "
                        + keeps.size() + " slot(s)");
            } catch (RuntimeException e) {
                throw new MigrationException("Slot(s) " + SlotSet.of(keeps) + ", the last of "
                        + masters.get(r.sourceId()) + ", were left open: they go once every node knows where its "
                        + "other slots went (a node that does not could make their new owners drop them). "
                        + e.getMessage(), keeps.stream().sorted().toList(), e);
            }
            close(List.of(r), owner, journal);
        }
    }

    /** Of the rounds ready, the last round of each source they leave without slots. */
    private List<Round> lastRounds(List<Round> ready) {
        Map<String, List<Round>> bySource = new LinkedHashMap<>();
        for (Round r : ready) {
            bySource.computeIfAbsent(r.sourceId(), k -> new ArrayList<>()).add(r);
        }
        List<Round> last = new ArrayList<>();
        bySource.forEach((source, rounds) -> {
            Set<Integer> owned = stillOwned.getOrDefault(source, Set.of());
            Set<Integer> covered = new HashSet<>();
            rounds.forEach(r -> covered.addAll(r.slots()));
            if (!owned.isEmpty() && covered.containsAll(owned)) {
                last.add(rounds.get(rounds.size() - 1));
            }
        });
        return last;
    }

    /**
     * Closes rounds: every target claims its slots (the targets at once), then each source gives up, in one round
     * trip, the slots whose target now claims them. The target goes first: once it owns a slot, the source's MOVED
     * redirections point somewhere that serves it; until then the source answers ASK for the emptied slots, which
     * the target serves, so clients are never lost and closing can trail the next round's MIGRATEs.
     *
     * <p>Between the two steps a slot is claimed by both, the target with the epoch it has just taken without
     * consensus; if the source's epoch rose above it meanwhile, the target would give the slot back and delete its
     * keys ({@link SourceEpochs}, which the caller waits for). Many rounds at once are given only for sources that
     * are no target of the run, whose epoch stays settled through it (a source takes no new epoch, and every bump
     * lands above its own): two round trips for all, where one at a time costs two per round (a drain of one master
     * of 250 to the 124 others: 54 s of moves against 26 s closed together). A source that is also a target has its
     * rounds closed one at a time: its own closings as a target change its epoch. A target that fails leaves its
     * slots open on the source (resume closes them); the others finish.
     */
    private void close(List<Round> rounds, Map<Integer, String> owner, Journal journal) {
        Map<String, List<Integer>> byTarget = new LinkedHashMap<>();
        for (Round r : rounds) {
            byTarget.computeIfAbsent(r.targetId(), k -> new ArrayList<>()).addAll(r.slots());
        }
        RuntimeException first = null;
        Set<String> claimed = new HashSet<>();
        for (var o : Parallel.map(List.copyOf(byTarget.entrySet()), e -> {
            claim(e.getKey(), e.getValue());
            return e.getKey();
        })) {
            if (o.ok()) {
                claimed.add(o.value());
            } else if (first == null) {
                first = o.error();
            }
        }
        Map<String, Map<Integer, String>> bySource = new LinkedHashMap<>();
        for (Round r : rounds) {
            if (claimed.contains(r.targetId())) {
                Map<Integer, String> owners = bySource.computeIfAbsent(r.sourceId(), k -> new LinkedHashMap<>());
                r.slots().forEach(s -> owners.put(s, r.targetId()));
            }
        }
        Set<String> released = new HashSet<>();
        for (var o : Parallel.map(List.copyOf(bySource.entrySet()), e -> {
            tolerant(connector.connectSide(masters.get(e.getKey())), e.getValue(), true);
            return e.getKey();
        })) {
            if (o.ok()) {
                released.add(o.value());
            } else if (first == null) {
                first = o.error();
            }
        }
        finish(rounds.stream().filter(r -> claimed.contains(r.targetId()) && released.contains(r.sourceId()))
                .toList(), owner, journal);
        if (first != null) {
            throw first;
        }
    }

    /** SETSLOT NODE of the slots to their new owner, on that owner: it claims them, with an epoch of its own. */
    private void claim(String targetId, List<Integer> slots) {
        NodeClient target = connector.connectSide(masters.get(targetId));
        Batch b = target.batch();
        expectOk(target, b, slots, slots.stream().map(s -> b.node(s, targetId)).toList(), "NODE", slots);
    }

    /**
     * Rounds both of whose NODE steps are done: recorded in one journal write (each write is an fsync, which took
     * ~0.4 s on a disk shared with 250 nodes that fsync their own config at every slot they hear of), reported,
     * queued for the other masters.
     */
    private void finish(List<Round> rounds, Map<Integer, String> owner, Journal journal) {
        if (rounds.isEmpty()) {
            return;
        }
        List<Integer> slots = new ArrayList<>();
        for (Round r : rounds) {
            for (int s : r.slots()) {
                owner.put(s, r.targetId());
            }
            stillOwned.get(r.sourceId()).removeAll(r.slots());
            slots.addAll(r.slots());
        }
        if (journal != null) {
            journal.markDone(slots);
        }
        slotsMoved.addAndGet(slots.size());
        listener.slotsDone(slots, keysMoved.get());
        for (Round r : rounds) {
            announce(r.sourceId(), r.targetId(), r.slots());
        }
    }

    /** The other masters only need to hear of the new owner before the run ends (they learn it from the bus too). */
    private void announce(String sourceId, String targetId, List<Integer> slots) {
        synchronized (unannounced) {
            for (String id : masters.keySet()) {
                if (!id.equals(sourceId) && !id.equals(targetId)) {
                    Map<Integer, String> owners = unannounced.computeIfAbsent(id, k -> new LinkedHashMap<>());
                    slots.forEach(s -> owners.put(s, targetId));
                }
            }
        }
    }

    /**
     * Sends each master the owners it has not been told yet, the masters at once. On the first connections: the
     * closer's NODE steps on the side ones must not queue behind these.
     */
    private void announcePending() {
        List<Map.Entry<String, Map<Integer, String>>> batch;
        synchronized (unannounced) {
            batch = List.copyOf(unannounced.entrySet());
            unannounced.clear();
        }
        for (var o : Parallel.map(batch, e -> {
            tolerant(connector.connect(masters.get(e.getKey())), e.getValue(), false);
            return Boolean.TRUE;
        })) {
            if (o.error() instanceof NodeAccessException e) {
                listener.retrying(masters.get(o.input().getKey()) + " was not told of new owners (" + e.getMessage()
                        + "); it will learn them from the cluster bus");
            } else if (!o.ok()) {
                fail(o.error(), List.copyOf(o.input().getValue().keySet()));
            }
        }
    }

    /**
     * SETSLOT NODE where an error reply is not fatal: a source drained of its last slot turns itself into a replica
     * ("Please use SETSLOT only with masters"). Other masters learn the owner from gossip anyway, so not reaching
     * them is not fatal either; not reaching the source is: its MIGRATING marks stay until SETSLOT clears them, so
     * the round must stay unfinished in the journal for --resume to close.
     */
    private void tolerant(NodeClient node, Map<Integer, String> owners, boolean mustReach) {
        Batch b = node.batch();
        List<Integer> slots = List.copyOf(owners.keySet());
        List<Step<Void>> steps = slots.stream().map(s -> b.node(s, owners.get(s))).toList();
        try {
            b.send();
        } catch (RuntimeException e) {
            if (mustReach) {
                throw e;
            }
            listener.retrying(node.address() + " was not told of the new owner (" + e.getMessage()
                    + "); it will learn it from the cluster bus");
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            // Keys left behind would be lost to clients: never let that pass.
            Optional<NodeError> err = steps.get(i).answer().error();
            if (err.isPresent() && err.get().is(NodeError.Kind.HOLDS_KEYS)) {
                throw new MigrationException(node.address() + " still holds keys of slot " + slots.get(i)
                        + " after the move: " + err.get(), slots, null);
            }
        }
    }

    /**
     * Marks the slots migrating and empties them. Each round trip carries, per slot still holding keys, one
     * MIGRATE followed by the GETKEYSINSLOT that shows what is left, so emptying a slot of up to
     * keysPerMigrate keys costs one round trip. Big keys ({@link KeySizes}) are held back while they are listed and
     * moved last, each alone in its own round trip with a timeout sized to it: the source serves other clients and
     * the cluster bus between two of them instead of blocking for all at once.
     */
    private void moveKeys(NodeClient source, NodeClient target, String targetId, List<Integer> slots,
                          List<Integer> round) {
        Batch open = source.batch();
        List<Step<Void>> marked = new ArrayList<>();
        List<Step<List<byte[]>>> listed = new ArrayList<>();
        for (int s : slots) {
            marked.add(open.migrating(s, targetId));
            listed.add(open.getKeysInSlot(s, listCount(s)));
        }
        open.send();
        Map<Integer, List<byte[]>> remaining = new LinkedHashMap<>();
        Map<Integer, Map<String, byte[]>> held = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            Optional<NodeError> err = marked.get(i).answer().error();
            if (err.isPresent()) {
                throw new MigrationException(source.address() + " answered CLUSTER SETSLOT " + slots.get(i)
                        + " MIGRATING with: " + err.get(), round, null);
            }
            addKeys(remaining, held, slots.get(i), listed.get(i).answer(), source, round);
        }
        Map<Object, Integer> attempts = new HashMap<>();
        while (!remaining.isEmpty() || !held.isEmpty()) {
            if (remaining.isEmpty()) {
                moveBigKey(source, target, held, remaining, attempts, round);
                continue;
            }
            Map<Integer, Integer> timeouts = new LinkedHashMap<>();
            for (Map.Entry<Integer, List<byte[]>> e : remaining.entrySet()) {
                timeouts.put(e.getKey(), MigrateTimeout.retry(batchTimeout(e.getKey(), e.getValue().size()),
                        attempts.getOrDefault(e.getKey(), 0)));
            }
            Batch b = batchFor(source, timeouts.values());
            Map<Integer, Step<Batch.Migrated>> migrated = new LinkedHashMap<>();
            Map<Integer, Step<List<byte[]>>> left = new LinkedHashMap<>();
            for (Map.Entry<Integer, List<byte[]>> e : remaining.entrySet()) {
                int slot = e.getKey();
                int timeout = timeouts.get(slot);
                migrated.put(slot, b.migrate(new Batch.Migrate(target.address(), e.getValue(), timeout, false,
                        options.replace(), options.auth())));
                left.put(slot, b.getKeysInSlot(slot, listCount(slot)));
            }
            b.send();
            Map<Integer, List<byte[]>> sent = remaining;
            remaining = new LinkedHashMap<>();
            for (Map.Entry<Integer, Step<Batch.Migrated>> e : migrated.entrySet()) {
                int slot = e.getKey();
                List<byte[]> keys = sent.get(slot);
                Optional<NodeError> err = e.getValue().answer().error();
                if (err.isPresent()) {
                    int attempt = attempts.merge(slot, 1, Integer::sum);
                    handleMigrateError(source, target, slot, keys, err.get(), attempt,
                            MigrateTimeout.retry(batchTimeout(slot, keys.size()), attempt), round);
                } else {
                    keysMoved.addAndGet(keys.size());
                    listener.keysMoved(keysMoved.get());
                }
                addKeys(remaining, held, slot, left.get(slot).answer(), source, round);
            }
        }
    }

    /** Keys listed per GETKEYSINSLOT: a page's worth besides the slot's big keys, which are listed but held back. */
    private int listCount(int slot) {
        return options.keysPerMigrate() + sizes.bigCount(slot);
    }

    /**
     * A batch of MIGRATEs with these timeouts. The source runs them one after the other before it answers; the
     * calls given more than the user's timeout (grown to their bytes, or retried) may legitimately take that long,
     * so the client then waits up to twice their sum (when longer than the command timeout) instead of giving up
     * first. Calls at the user's timeout add nothing: a hung source is still noticed as soon as before.
     */
    private Batch batchFor(NodeClient source, Collection<Integer> timeouts) {
        long grown = timeouts.stream().filter(t -> t > options.timeoutMs()).mapToLong(Integer::longValue).sum();
        return grown == 0 ? source.batch() : source.batch(Duration.ofMillis(2 * grown));
    }

    private int batchTimeout(int slot, int keys) {
        return MigrateTimeout.forBytes(options.timeoutMs(), sizes.batchBytes(slot, keys), sizes.bytesPerSecond());
    }

    /**
     * Moves the first held big key alone, with the GETKEYSINSLOT that shows what its slot still holds in the same
     * round trip. An I/O error is retried as any MIGRATE's, with the timeout doubled.
     */
    private void moveBigKey(NodeClient source, NodeClient target, Map<Integer, Map<String, byte[]>> held,
                            Map<Integer, List<byte[]>> remaining, Map<Object, Integer> attempts,
                            List<Integer> round) {
        Map.Entry<Integer, Map<String, byte[]>> first = held.entrySet().iterator().next();
        int slot = first.getKey();
        Map.Entry<String, byte[]> key = first.getValue().entrySet().iterator().next();
        long bytes = sizes.big(slot, key.getKey()).orElse(0);
        int base = MigrateTimeout.forBytes(options.timeoutMs(), bytes, sizes.bytesPerSecond());
        String attemptKey = slot + " " + key.getKey();
        int timeout = MigrateTimeout.retry(base, attempts.getOrDefault(attemptKey, 0));
        Batch b = batchFor(source, List.of(timeout));
        Step<Batch.Migrated> migrated = b.migrate(new Batch.Migrate(target.address(), List.of(key.getValue()),
                timeout, false, options.replace(), options.auth()));
        Step<List<byte[]>> left = b.getKeysInSlot(slot, listCount(slot));
        long started = System.nanoTime();
        b.send();
        Optional<NodeError> err = migrated.answer().error();
        if (err.isPresent()) {
            int attempt = attempts.merge(attemptKey, 1, Integer::sum);
            handleMigrateError(source, target, slot, List.of(key.getValue()), err.get(), attempt,
                    MigrateTimeout.retry(base, attempt), round);
        } else {
            first.getValue().remove(key.getKey());
            if (first.getValue().isEmpty()) {
                held.remove(slot);
            }
            if (migrated.answer().orElse(Batch.Migrated.NO_KEYS) == Batch.Migrated.MOVED) {
                keysMoved.incrementAndGet();
                listener.bigKeyMoved(slot, key.getKey(), bytes, timeout, (System.nanoTime() - started) / 1_000_000);
                listener.keysMoved(keysMoved.get());
            }
        }
        addKeys(remaining, held, slot, left.answer(), source, round);
    }

    /** Sorts a listing: big keys into {@code held} (once each), the others into {@code into}. */
    private void addKeys(Map<Integer, List<byte[]>> into, Map<Integer, Map<String, byte[]>> held, int slot,
                         Answer<List<byte[]>> answer, NodeClient source, List<Integer> round) {
        List<byte[]> keys = answer.orElseThrow(err -> new MigrationException(source.address()
                + " answered GETKEYSINSLOT " + slot + " with: " + err, round, null));
        List<byte[]> small = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            if (sizes.bigCount(slot) > 0 && sizes.big(slot, text(k)).isPresent()) {
                held.computeIfAbsent(slot, s -> new LinkedHashMap<>()).putIfAbsent(text(k), k);
            } else {
                small.add(k);
            }
        }
        if (!small.isEmpty()) {
            into.put(slot, small);
        }
    }

    /** Returns when the MIGRATE is to be retried (an I/O error, with a longer timeout); throws otherwise. */
    private void handleMigrateError(NodeClient source, NodeClient target, int slot, List<byte[]> keys,
                                    NodeError err, int attempt, int nextTimeoutMs, List<Integer> round) {
        String msg = err.message();
        if (err.is(NodeError.Kind.BUSY_KEY)) {
            Batch b = target.batch();
            List<Step<Boolean>> exists = keys.stream().map(b::exists).toList();
            b.send();
            List<String> clashing = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                if (exists.get(k).answer().orElse(false)) {
                    clashing.add(text(keys.get(k)));
                }
            }
            throw new MigrationException("Slot " + slot + ": key(s) " + String.join(", ", clashing.subList(0,
                    Math.min(10, clashing.size()))) + (clashing.size() > 10 ? " and " + (clashing.size() - 10)
                    + " more" : "") + " already exist on " + target.address() + " (BUSYKEY"
                    + (attempt > 1 ? "; an earlier attempt that timed out may have copied them there" : "")
                    + "). Nothing was overwritten; rerun with --replace to overwrite them", round, null);
        }
        if (err.is(NodeError.Kind.IO_ERROR) && attempt <= IOERR_RETRIES) {
            listener.retrying("slot " + slot + ": " + msg + "; retrying with a " + nextTimeoutMs + " ms timeout");
            try {
                Thread.sleep(100L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        throw new MigrationException("Slot " + slot + ": could not move key " + text(keys.get(0))
                + (keys.size() > 1 ? " (or one of " + (keys.size() - 1) + " others in its batch)" : "") + " from "
                + source.address() + " to " + target.address() + ": " + msg, round, null);
    }

    /** Sends the SETSLOT steps (one per slot) and fails the round on the first refusal. */
    private static void expectOk(NodeClient node, Batch batch, List<Integer> slots, List<Step<Void>> steps,
                                 String state, List<Integer> round) {
        batch.send();
        for (int i = 0; i < steps.size(); i++) {
            Optional<NodeError> err = steps.get(i).answer().error();
            if (err.isPresent()) {
                throw new MigrationException(node.address() + " answered CLUSTER SETSLOT " + slots.get(i) + " "
                        + state + " with: " + err.get(), round, null);
            }
        }
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
