package dev.trib.commands.ops;

import dev.trib.commands.exec.ClusterWaits;
import dev.trib.commands.exec.Parallel;
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
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code trib fix}: repairs open and uncovered slots. Each repair is planned from the nodes' own descriptions
 * first (so --dry-run can list them and nothing starts when one case cannot be fixed safely), then applied.
 */
public final class FixOperation {
    private final NodeConnector connector;

    public FixOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** One repair; {@code description} is the line the user reads. */
    public sealed interface Action permits FinishMove, Stabilize, ReturnKeys, Assign {
        String description();
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

    /** Nobody serves the slots: give them to a master. */
    public record Assign(SlotSet slots, NodeReport master, String why) implements Action {
        public String description() {
            return "Slots " + slots + ": assign to " + master.address() + " (" + why + ").";
        }
    }

    /** The repairs, and the problems trib will not guess at. */
    public record Plan(ClusterSnapshot snapshot, List<Action> actions, List<String> cannotFix) {
    }

    public Plan plan(HostAndPort entry, boolean withUnreachableMasters) {
        ClusterSnapshot s = new ClusterLoader(connector).load(entry);
        List<String> unreachable = s.masters().stream().filter(m -> !m.reachable())
                .map(m -> m.address() + " (" + m.failure().orElse("?") + ")").toList();
        if (!unreachable.isEmpty() && !withUnreachableMasters) {
            throw new OperationRefusedException(List.of("Masters cannot be reached: " + String.join(", ", unreachable)
                    + ". Nothing was changed; use --fix-with-unreachable-masters to repair around them."), true);
        }
        List<Action> actions = new ArrayList<>();
        List<String> cannot = new ArrayList<>();
        openSlots(s, actions, cannot);
        uncovered(s, actions, cannot);
        return new Plan(s, actions, cannot);
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
        SlotSet uncovered = s.uncoveredSlots();
        if (uncovered.isEmpty()) {
            return;
        }
        List<NodeReport> masters = s.reachable().stream().filter(n -> n.self().isMaster()).toList();
        Map<String, List<Integer>> byMaster = new LinkedHashMap<>();
        Map<String, String> why = new LinkedHashMap<>();
        int next = 0;
        for (int slot : uncovered.toArray()) {
            List<NodeReport> withKeys = masters.stream().filter(m -> keysIn(m, slot) > 0).toList();
            NodeReport to;
            if (withKeys.size() > 1) {
                cannot.add("Slot " + slot + " is served by nobody and " + withKeys.size()
                        + " masters hold keys of it: trib will not guess which keys win.");
                continue;
            } else if (withKeys.size() == 1) {
                to = withKeys.get(0);
                why.put(to.id(), "it holds their keys");
            } else {
                // The master the others still name as owner, so their view and the claim agree; else round-robin.
                Optional<String> believed = s.entryNode().view().flatMap(v -> v.ownerOf(slot));
                Optional<NodeReport> prior = believed.flatMap(s::node).filter(NodeReport::reachable);
                to = prior.orElse(masters.get(next++ % masters.size()));
                why.putIfAbsent(to.id(), "no master holds keys of them");
            }
            byMaster.computeIfAbsent(to.id(), k -> new ArrayList<>()).add(slot);
        }
        for (var e : byMaster.entrySet()) {
            actions.add(new Assign(SlotSet.of(e.getValue()), s.node(e.getKey()).orElseThrow(), why.get(e.getKey())));
        }
    }

    private long keysIn(NodeReport n, int slot) {
        Object r = connector.connect(n.address()).pipeline(List.<Object[]>of(SlotCommands.countKeysInSlot(slot))).get(0);
        return r instanceof Long l ? l : 0;
    }

    /** Applies the plan and waits until every node agrees. */
    public void apply(Plan plan, MigrationOptions options, MigrationListener listener) {
        ClusterSnapshot s = plan.snapshot();
        Map<String, HostAndPort> masters = ReshardOperation.masters(s);
        List<SlotMove> finish = new ArrayList<>();
        for (Action a : plan.actions()) {
            if (a instanceof FinishMove f) {
                finish.add(new SlotMove(f.slot(), f.owner().id(), f.target().id()));
            } else if (a instanceof Stabilize st) {
                expectOk(st.node(), SlotCommands.stable(st.slot()));
            } else if (a instanceof ReturnKeys r) {
                returnKeys(r, options);
            } else if (a instanceof Assign as) {
                NodeClient c = connector.connect(as.master().address());
                c.addSlots(as.slots());
                // A fresh, highest epoch makes this claim win over any stale one still in other nodes' views.
                c.pipeline(List.<Object[]>of(new Object[] {"CLUSTER", "BUMPEPOCH"}));
            }
        }
        if (!finish.isEmpty()) {
            new MigrationEngine(connector, masters, options, listener)
                    .run(finish, ReshardOperation.owners(s), null);
        }
        List<NodeClient> all = Parallel.mapAll(s.reachable(), n -> connector.connect(n.address()));
        ClusterWaits.awaitAgreement(all, Duration.ofSeconds(30));
    }

    private void returnKeys(ReturnKeys r, MigrationOptions options) {
        NodeClient holder = connector.connect(r.holder().address());
        while (true) {
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) holder.pipeline(List.<Object[]>of(
                    SlotCommands.getKeysInSlot(r.slot(), options.keysPerMigrate()))).get(0);
            if (keys.isEmpty()) {
                break;
            }
            Object reply = holder.pipeline(List.<Object[]>of(SlotCommands.migrate(r.owner().address().host(),
                    r.owner().address().port(), keys.stream().map(k -> (byte[]) k).toList(), options.timeoutMs(),
                    options.replace(), options.auth()))).get(0);
            if (reply instanceof RespError err) {
                throw new OperationRefusedException("Slot " + r.slot() + ": could not move key "
                        + RespConnection.text(keys.get(0)) + " back to " + r.owner().address() + ": " + err
                        + (err.message().contains("BUSYKEY") ? " (rerun with --replace to let the imported copy win)"
                        : ""));
            }
        }
        expectOk(r.holder(), SlotCommands.stable(r.slot()));
    }

    private void expectOk(NodeReport node, Object[] command) {
        Object reply = connector.connect(node.address()).pipeline(List.<Object[]>of(command)).get(0);
        if (reply instanceof RespError err) {
            throw new OperationRefusedException(node.address() + " answered " + command[0] + " " + command[1]
                    + " with: " + err);
        }
    }
}
