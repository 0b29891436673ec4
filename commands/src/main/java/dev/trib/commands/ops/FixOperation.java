package dev.trib.commands.ops;

import dev.trib.commands.exec.ClusterWaits;
import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.migrate.MigrationEngine;
import dev.trib.commands.migrate.MigrationListener;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.node.ClusterLoader;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.SlotCommands;
import dev.trib.commands.node.resp.RespConnection;
import dev.trib.commands.node.resp.RespError;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.SlotSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code trib fix}: repairs open and uncovered slots, slots with several owners, keys left in slots their node does
 * not own, and nodes that forgot each other. Each repair is planned from the nodes' own descriptions
 * first (so --dry-run can list them and nothing starts when one case cannot be fixed safely), then applied.
 */
public final class FixOperation {
    private final NodeConnector connector;
    private volatile boolean stopRequested;
    private volatile MigrationEngine engine;

    public FixOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** One repair; {@code description} is the line the user reads. */
    public sealed interface Action permits Introduce, ResolveOwners, FinishMove, Stabilize, ReturnKeys,
            MoveStrayKeys, Assign {
        String description();
    }

    /** Two reachable nodes of the cluster that do not know each other (one was forgotten): MEET them again. */
    public record Introduce(NodeReport node, NodeReport unknown) implements Action {
        public String description() {
            return "Node " + node.address() + " does not know " + unknown.address() + " (" + unknown.self().shortId()
                    + "): introduce them (CLUSTER MEET).";
        }
    }

    /** Several masters claim the slot: it stays where most keys are; the others' keys are moved there. */
    public record ResolveOwners(int slot, NodeReport keeper, List<NodeReport> others) implements Action {
        public String description() {
            return "Slot " + slot + " is claimed by " + keeper.address() + " and " + others.stream()
                    .map(o -> o.address().toString()).collect(Collectors.joining(", ")) + ": keep it on "
                    + keeper.address() + " (most keys) and move the others' keys there.";
        }
    }

    /** Migrating on the owner and importing on the target: finish the move. */
    public record FinishMove(int slot, NodeReport owner, NodeReport target) implements Action {
        public String description() {
            return "Slot " + slot + ": finish moving it from " + owner.address() + " to " + target.address() + ".";
        }
    }

    /** An open mark with no keys elsewhere to worry about: close it. */
    public record Stabilize(int slot, NodeReport node) implements Action {
        public String description() {
            return "Slot " + slot + ": close the open mark on " + node.address() + " (CLUSTER SETSLOT STABLE).";
        }
    }

    /** Importing only, with keys already there: give them to the owner, then close. */
    public record ReturnKeys(int slot, NodeReport holder, NodeReport owner) implements Action {
        public String description() {
            return "Slot " + slot + ": move the keys " + holder.address() + " imported back to the owner "
                    + owner.address() + ", then close the mark.";
        }
    }

    /** Keys in a slot the node neither owns nor imports (written there by hand): give them to the owner. */
    public record MoveStrayKeys(int slot, NodeReport holder, NodeReport owner, long keys) implements Action {
        public String description() {
            return "Slot " + slot + ": move the " + keys + " key(s) " + holder.address()
                    + " holds without owning the slot to its owner " + owner.address() + ".";
        }
    }

    /** Nobody serves the slots: give them to a master. */
    public record Assign(SlotSet slots, NodeReport master, String why) implements Action {
        public String description() {
            return "Slots " + slots + ": assign to " + master.address() + " (" + why + ").";
        }
    }

    /**
     * One line per run of repairs on consecutive slots that differ only in their slot ({@code Slots 0-511: finish moving it from A to
     * B.}): 512 open slots read as one line, not 512.
     */
    public static List<String> descriptions(List<Action> actions) {
        java.util.regex.Pattern perSlot = java.util.regex.Pattern.compile("^Slot (\\d+)(.*)$");
        List<String> out = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        String[] runRest = {null};
        Class<?>[] runKind = {null};
        Runnable flush = () -> {
            if (!run.isEmpty()) {
                out.add((run.size() == 1 ? "Slot " : "Slots ") + SlotSet.of(run) + runRest[0]);
                run.clear();
            }
        };
        for (Action a : actions) {
            java.util.regex.Matcher m = perSlot.matcher(a.description());
            if (!m.matches()) {
                flush.run();
                out.add(a.description());
                continue;
            }
            int slot = Integer.parseInt(m.group(1));
            // Only consecutive slots share a line: scattered ones stay one line each, each easy to find.
            if (!run.isEmpty() && (!m.group(2).equals(runRest[0]) || !a.getClass().equals(runKind[0])
                    || slot != run.get(run.size() - 1) + 1)) {
                flush.run();
            }
            runKind[0] = a.getClass();
            runRest[0] = m.group(2);
            run.add(slot);
        }
        flush.run();
        return out;
    }

    /** The repairs, and the problems trib will not guess at. */
    public record Plan(ClusterSnapshot snapshot, List<Action> actions, List<String> cannotFix) {
    }

    public Plan plan(HostAndPort entry, boolean withUnreachableMasters, boolean searchMultipleOwners) {
        ClusterSnapshot s = new ClusterLoader(connector).load(entry);
        // A failed master that no longer owns slots (its replica took over) holds nothing to repair around.
        List<String> unreachable = s.masters().stream().filter(m -> !m.reachable() && !m.self().slots().isEmpty())
                .map(m -> m.address() + " (" + m.failure().orElse("?") + ")").toList();
        if (!unreachable.isEmpty() && !withUnreachableMasters) {
            throw new OperationRefusedException(List.of("Masters cannot be reached: " + String.join(", ", unreachable)
                    + ". Nothing was changed; use --fix-with-unreachable-masters to repair around them."), true);
        }
        List<Action> actions = new ArrayList<>();
        List<String> cannot = new ArrayList<>();
        introductions(s, actions, cannot, searchMultipleOwners);
        if (searchMultipleOwners) {
            multipleOwners(s, actions, cannot);
        }
        openSlots(s, actions, cannot);
        uncovered(s, actions, cannot);
        strayKeys(s, actions);
        return new Plan(s, actions, cannot);
    }

    /**
     * One MEET per pair is enough: the bus handshake makes both ends know each other. Two masters that claim the
     * same slot are not introduced unless that is being settled: on meeting, Redis settles it by epoch and the
     * losing side deletes its keys of the slot.
     */
    private void introductions(ClusterSnapshot s, List<Action> actions, List<String> cannot,
            boolean settlingOwners) {
        List<NodeReport> reachable = s.reachable();
        for (int i = 0; i < reachable.size(); i++) {
            for (int j = i + 1; j < reachable.size(); j++) {
                NodeReport a = reachable.get(i);
                NodeReport b = reachable.get(j);
                if (knows(a, b) && knows(b, a)) {
                    continue;
                }
                SlotSet both = a.self().slots().intersect(b.self().slots());
                if (!both.isEmpty() && !settlingOwners) {
                    cannot.add("Nodes " + a.address() + " and " + b.address() + " do not know each other and both "
                            + "claim slots " + both + ": meeting would make Redis drop one side's keys of them; "
                            + "rerun with --search-multiple-owners to settle them first.");
                } else {
                    actions.add(knows(a, b) ? new Introduce(b, a) : new Introduce(a, b));
                }
            }
        }
    }

    private static boolean knows(NodeReport node, NodeReport other) {
        return node.view().flatMap(v -> v.node(other.id())).isPresent();
    }

    private void multipleOwners(ClusterSnapshot s, List<Action> actions, List<String> cannot) {
        for (int slot = 0; slot < KeySlots.COUNT; slot++) {
            int sl = slot;
            List<NodeReport> owners = s.claimants(slot);
            if (owners.size() < 2) {
                continue;
            }
            if (owners.stream().anyMatch(o -> o.self().hasOpenSlots() && (o.self().migrating().containsKey(sl)
                    || o.self().importing().containsKey(sl)))) {
                cannot.add("Slot " + slot + " has " + owners.size() + " owners and is open: trib will not guess.");
                continue;
            }
            // Most keys wins; on a tie, the owner the entry node believes in (what most clients were sent to).
            Optional<String> believed = s.entryNode().view().flatMap(v -> v.ownerOf(sl));
            NodeReport keeper = owners.stream().max(Comparator.<NodeReport>comparingLong(o -> keysIn(o, sl))
                    .thenComparing(o -> believed.filter(o.id()::equals).isPresent())).orElseThrow();
            actions.add(new ResolveOwners(slot, keeper, owners.stream().filter(o -> o != keeper).toList()));
        }
    }

    private void openSlots(ClusterSnapshot s, List<Action> actions, List<String> cannot) {
        TreeSet<Integer> open = new TreeSet<>();
        for (NodeReport n : s.reachable()) {
            open.addAll(n.self().migrating().keySet());
            open.addAll(n.self().importing().keySet());
        }
        for (int slot : open) {
            List<NodeReport> owners = s.reachable().stream()
                    .filter(n -> n.self().isMaster() && n.self().slots().contains(slot)).toList();
            List<NodeReport> migrating = s.reachable().stream()
                    .filter(n -> n.self().migrating().containsKey(slot)).toList();
            List<NodeReport> importing = s.reachable().stream()
                    .filter(n -> n.self().importing().containsKey(slot)).toList();
            if (owners.size() != 1) {
                cannot.add("Slot " + slot + " is open but has " + owners.size() + " owners: trib will not guess.");
                continue;
            }
            NodeReport owner = owners.get(0);
            if (migrating.size() == 1 && migrating.get(0) == owner && importing.size() == 1) {
                actions.add(new FinishMove(slot, owner, importing.get(0)));
            } else if (importing.isEmpty() && migrating.size() == 1 && migrating.get(0) == owner) {
                actions.add(new Stabilize(slot, owner));
            } else if (migrating.isEmpty() && !importing.isEmpty()) {
                for (NodeReport imp : importing) {
                    actions.add(keysIn(imp, slot) > 0 ? new ReturnKeys(slot, imp, owner) : new Stabilize(slot, imp));
                }
            } else {
                cannot.add("Slot " + slot + ": " + migrating.size() + " node(s) migrating and " + importing.size()
                        + " importing in a way trib will not guess at.");
            }
        }
    }

    private void uncovered(ClusterSnapshot s, List<Action> actions, List<String> cannot) {
        int[] uncovered = s.uncoveredSlots().toArray();
        if (uncovered.length == 0) {
            return;
        }
        List<NodeReport> masters = s.reachable().stream().filter(n -> n.self().isMaster())
                .sorted(Comparator.comparingInt(n -> n.self().slots().size())).toList();
        List<List<Object>> counts = Parallel.mapAll(masters, m -> connector.connect(m.address())
                .pipeline(Arrays.stream(uncovered).mapToObj(SlotCommands::countKeysInSlot).toList()));
        Map<String, List<Integer>> byMaster = new LinkedHashMap<>();
        Map<String, String> why = new LinkedHashMap<>();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < uncovered.length; i++) {
            int slot = uncovered[i];
            int index = i;
            List<NodeReport> withKeys = new ArrayList<>();
            for (int m = 0; m < masters.size(); m++) {
                if (counts.get(m).get(index) instanceof Long n && n > 0) {
                    withKeys.add(masters.get(m));
                }
            }
            // Else the master the others still name as owner, so their view and the claim agree.
            Optional<NodeReport> prior = s.entryNode().view().flatMap(v -> v.ownerOf(slot)).flatMap(s::node)
                    .filter(NodeReport::reachable).filter(n -> n.self().isMaster());
            if (withKeys.size() > 1) {
                cannot.add("Slot " + slot + " is served by nobody and " + withKeys.size()
                        + " masters hold keys of it: trib will not guess which keys win.");
            } else if (withKeys.size() == 1) {
                byMaster.computeIfAbsent(withKeys.get(0).id(), k -> new ArrayList<>()).add(slot);
                why.put(withKeys.get(0).id(), "it holds their keys");
            } else if (prior.isPresent()) {
                byMaster.computeIfAbsent(prior.get().id(), k -> new ArrayList<>()).add(slot);
                why.putIfAbsent(prior.get().id(), "no master holds keys of them");
            } else {
                free.add(slot);
            }
        }
        // Slots nobody has a claim to are dealt out in contiguous runs, the emptiest master first, so each master
        // gets whole ranges rather than every n-th slot.
        int per = (free.size() + masters.size() - 1) / Math.max(1, masters.size());
        for (int i = 0; i < free.size(); i++) {
            NodeReport to = masters.get(i / per);
            byMaster.computeIfAbsent(to.id(), k -> new ArrayList<>()).add(free.get(i));
            why.putIfAbsent(to.id(), "no master holds keys of them");
        }
        for (var e : byMaster.entrySet()) {
            actions.add(new Assign(SlotSet.of(e.getValue()), s.node(e.getKey()).orElseThrow(), why.get(e.getKey())));
        }
    }

    /**
     * Keys a master holds in slots it neither owns nor has open (written with ASKING and left, or RESTOREd by
     * hand): clients are never sent there, so they are invisible until moved to the slot's single owner.
     */
    private void strayKeys(ClusterSnapshot s, List<Action> actions) {
        // The single claimant of each slot; slots with none or several are left to the other repairs.
        Map<Integer, NodeReport> owner = new HashMap<>();
        for (int slot = 0; slot < KeySlots.COUNT; slot++) {
            List<NodeReport> claimants = s.claimants(slot);
            if (claimants.size() == 1) {
                owner.put(slot, claimants.get(0));
            }
        }
        List<NodeReport> holders = s.reachable().stream()
                .filter(n -> n.self().isMaster() && n.keys().orElse(0) > 0).toList();
        List<List<Action>> found = Parallel.mapAll(holders, m -> {
            List<Integer> slots = new ArrayList<>();
            for (int slot = 0; slot < KeySlots.COUNT; slot++) {
                if (owner.containsKey(slot) && owner.get(slot) != m
                        && !m.self().importing().containsKey(slot) && !m.self().migrating().containsKey(slot)) {
                    slots.add(slot);
                }
            }
            List<Object> counts = connector.connect(m.address())
                    .pipeline(slots.stream().map(SlotCommands::countKeysInSlot).toList());
            List<Action> moves = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                if (counts.get(i) instanceof Long n && n > 0) {
                    moves.add(new MoveStrayKeys(slots.get(i), m, owner.get(slots.get(i)), n));
                }
            }
            return moves;
        });
        found.forEach(actions::addAll);
    }

    private long keysIn(NodeReport n, int slot) {
        Object r = connector.connect(n.address()).pipeline(List.<Object[]>of(SlotCommands.countKeysInSlot(slot))).get(0);
        return r instanceof Long l ? l : 0;
    }

    /** From a Ctrl-C hook: finish the repair in flight (a slot move closes its round), start no other. */
    public void requestStop() {
        stopRequested = true;
        MigrationEngine e = engine;
        if (e != null) {
            e.requestStop();
        }
    }

    /** How far {@link #apply} got: every repair, or {@code done} of them when stopped. */
    public record Applied(int done, int total, boolean stopped) {
    }

    /** Applies the plan (up to a stop request) and waits until every node agrees. */
    public Applied apply(Plan plan, MigrationOptions options, MigrationListener listener) {
        ClusterSnapshot s = plan.snapshot();
        Map<String, HostAndPort> masters = ReshardOperation.masters(s);
        List<SlotMove> finish = new ArrayList<>();
        List<ResolveOwners> contested = plan.actions().stream()
                .filter(ResolveOwners.class::isInstance).map(ResolveOwners.class::cast).toList();
        // Competing claims are given up before forgotten nodes meet again, or Redis would settle them on meeting
        // by epoch and the losing side would delete its keys of the slot.
        for (ResolveOwners r : contested) {
            r.others().forEach(o -> expectOk(o, new Object[] {"CLUSTER", "DELSLOTS", r.slot()}));
        }
        contested.stream().map(ResolveOwners::keeper).distinct().forEach(k -> connector.connect(k.address())
                .pipeline(List.<Object[]>of(new Object[] {"CLUSTER", "BUMPEPOCH"})));
        plan.actions().stream().filter(Introduce.class::isInstance).forEach(a -> introduce((Introduce) a));
        contested.forEach(r -> handOver(r, options));
        int done = contested.size() + (int) plan.actions().stream().filter(Introduce.class::isInstance).count();
        for (Action a : plan.actions()) {
            if (stopRequested) {
                break;
            }
            if (!(a instanceof ResolveOwners || a instanceof Introduce || a instanceof FinishMove)) {
                done++;
            }
            if (a instanceof MoveStrayKeys m) {
                moveKeys(m.slot(), m.holder(), m.owner(), options);
            } else if (a instanceof FinishMove f) {
                finish.add(new SlotMove(f.slot(), f.owner().id(), f.target().id()));
            } else if (a instanceof Stabilize st) {
                expectOk(st.node(), SlotCommands.stable(st.slot()));
            } else if (a instanceof ReturnKeys r) {
                returnKeys(r, options);
            } else if (a instanceof Assign as) {
                claim(as);
            }
        }
        if (!finish.isEmpty() && !stopRequested) {
            MigrationEngine e = new MigrationEngine(connector, masters, options, listener);
            engine = e;
            if (stopRequested) {
                e.requestStop();
            }
            done += e.run(finish, ReshardOperation.owners(s), null).slotsMoved();
        }
        List<NodeClient> all = Parallel.mapAll(s.reachable(), n -> connector.connect(n.address()));
        ClusterWaits.awaitAgreement(all, Duration.ofSeconds(30));
        int total = plan.actions().size();
        return new Applied(Math.min(done, total), total, done < total);
    }

    /**
     * The master takes the slots, also those its own view still gives to an unreachable master (DELSLOTS first, or
     * ADDSLOTS says "already busy"), in one MULTI so it never drops a slot without taking it; then a fresh, highest
     * epoch makes its claim win over any stale one in other nodes' views.
     */
    private void claim(Assign as) {
        NodeClient c = connector.connect(as.master().address());
        ClusterView view = c.clusterView();
        SlotSet busy = SlotSet.of(as.slots().stream().filter(slot -> view.ownerOf(slot).isPresent()).boxed().toList());
        List<Object[]> tx = new ArrayList<>();
        tx.add(new Object[] {"MULTI"});
        if (!busy.isEmpty()) {
            tx.add(SlotCommands.delSlots(busy, c.serverVersion()));
        }
        tx.add(SlotCommands.addSlots(as.slots(), c.serverVersion()));
        tx.add(new Object[] {"CLUSTER", "BUMPEPOCH"});
        tx.add(new Object[] {"EXEC"});
        List<Object> replies = c.pipeline(tx);
        Object exec = replies.get(replies.size() - 1);
        List<?> results = exec instanceof List<?> l ? l : List.of(exec);
        for (Object r : results) {
            if (r instanceof RespError err) {
                throw new OperationRefusedException(as.master().address() + " could not take slots " + as.slots()
                        + ": " + err);
            }
        }
    }

    private void returnKeys(ReturnKeys r, MigrationOptions options) {
        moveKeys(r.slot(), r.holder(), r.owner(), options);
        expectOk(r.holder(), SlotCommands.stable(r.slot()));
    }

    /** The others, no longer claiming the slot, name the keeper as its owner and hand their keys over. */
    private void handOver(ResolveOwners r, MigrationOptions options) {
        for (NodeReport other : r.others()) {
            expectOk(other, SlotCommands.node(r.slot(), r.keeper().id()));
            moveKeys(r.slot(), other, r.keeper(), options);
        }
    }

    /**
     * MIGRATEs every key of the slot from a node that does not own it to the owner. A node routes MIGRATE like any
     * keyed command, so it only serves a slot it does not own while importing it and asked with ASKING: the slot is
     * opened for the move if it is not yet, and closed again afterwards.
     */
    private void moveKeys(int slot, NodeReport from, NodeReport to, MigrationOptions options) {
        NodeClient holder = connector.connect(from.address());
        // A node that was cut off (or just learned the rest of the cluster) refuses every keyed command until it
        // sees the cluster whole again, which Redis delays by up to 5 s after it rejoins.
        awaitStateOk(from);
        awaitStateOk(to);
        boolean opened = !holder.clusterView().myself().orElseThrow().importing().containsKey(slot);
        if (opened) {
            expectOk(from, SlotCommands.importing(slot, to.id()));
        }
        while (true) {
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) holder.pipeline(List.<Object[]>of(
                    SlotCommands.getKeysInSlot(slot, options.keysPerMigrate()))).get(0);
            if (keys.isEmpty()) {
                break;
            }
            Object reply = holder.pipeline(List.of(SlotCommands.asking(), SlotCommands.migrate(to.address().host(),
                    to.address().port(), keys.stream().map(k -> (byte[]) k).toList(), options.timeoutMs(),
                    options.replace(), options.auth()))).get(1);
            if (reply instanceof RespError err) {
                throw new OperationRefusedException("Slot " + slot + ": could not move key "
                        + RespConnection.text(keys.get(0)) + " from " + from.address() + " to " + to.address() + ": "
                        + err + (err.message().contains("BUSYKEY")
                        ? " (both hold it; rerun with --replace to let the copy on " + from.address() + " win)" : ""));
            }
        }
        if (opened) {
            expectOk(from, SlotCommands.stable(slot));
        }
    }

    private void awaitStateOk(NodeReport node) {
        NodeClient c = connector.connect(node.address());
        Waits.until(Duration.ofSeconds(30), () -> "ok".equals(c.clusterInfo().get("cluster_state"))
                ? Optional.empty() : Optional.of(node.address() + " does not report cluster_state:ok"));
    }

    /** MEET, then wait until each knows the other by its ID (not as a handshake placeholder). */
    private void introduce(Introduce in) {
        NodeAddress target = in.unknown().self().address();
        NodeClient node = connector.connect(in.node().address());
        node.meet(target.ip(), target.port(), target.clusterPort());
        NodeClient other = connector.connect(in.unknown().address());
        Waits.until(Duration.ofSeconds(15), () -> node.clusterView().node(in.unknown().id()).isPresent()
                && other.clusterView().node(in.node().id()).isPresent() ? Optional.empty()
                : Optional.of(in.node().address() + " and " + in.unknown().address() + " do not know each other yet"));
    }

    private void expectOk(NodeReport node, Object[] command) {
        Object reply = connector.connect(node.address()).pipeline(List.<Object[]>of(command)).get(0);
        if (reply instanceof RespError err) {
            throw new OperationRefusedException(node.address() + " answered " + command[0] + " " + command[1]
                    + " with: " + err);
        }
    }
}
