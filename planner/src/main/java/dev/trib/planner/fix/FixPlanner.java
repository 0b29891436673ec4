package dev.trib.planner.fix;

import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Plans {@code trib fix} from what trib gathered: the nodes' own descriptions (a {@link ClusterSnapshot}) and the
 * keys they hold in the slots that matter ({@link KeyCounts}, for the slots {@link #countsNeeded} names). Pure: no
 * node is asked anything here. Repairs, in the order they are applied:
 * <ol>
 *   <li>nodes that do not know each other are introduced (unless both claim a slot and that is not being settled);
 *   <li>with --search-multiple-owners, a slot several masters claim stays with the one holding most keys;
 *   <li>open slots: migrating on the owner and importing elsewhere is finished; a lone mark is closed; an importing
 *       node holding keys gives them back to the owner; anything else is refused;
 *   <li>uncovered slots go to the one master holding keys of them, else to the master the entry still names, else
 *       in contiguous runs to the emptiest masters; keys on several masters are refused;
 *   <li>keys a master holds in a slot another single master owns are moved to that owner.
 * </ol>
 */
public final class FixPlanner {
    private FixPlanner() {
    }

    /**
     * Masters that own slots but cannot be reached: fix refuses unless told to repair around them. A failed master
     * without slots (its replica took over) holds nothing to repair around.
     */
    public static List<NodeReport> unreachableMasters(ClusterSnapshot s) {
        return s.masters().stream().filter(m -> !m.reachable() && !m.self().slots().isEmpty()).toList();
    }

    /**
     * The slots whose key count {@link #plan} needs, per node id: the uncovered slots and, when it holds keys, every
     * slot another single master owns (stray keys) on every reachable master; the slots a node imports; with
     * {@code searchMultipleOwners}, the contested slots on each claimant.
     */
    public static Map<String, SlotSet> countsNeeded(ClusterSnapshot s, boolean searchMultipleOwners) {
        SlotSet uncovered = s.uncoveredSlots();
        SlotSet singleOwned = owned(singleOwners(s));
        SlotSet contested = searchMultipleOwners ? contested(s) : SlotSet.EMPTY;
        Map<String, SlotSet> out = new LinkedHashMap<>();
        for (NodeReport n : s.reachable()) {
            BitSet slots = new BitSet(KeySlots.COUNT);
            n.self().importing().keySet().forEach(slots::set);
            if (n.self().isMaster()) {
                uncovered.stream().forEach(slots::set);
                if (n.keys().orElse(0) > 0) {
                    strayCandidates(n, singleOwned).stream().forEach(slots::set);
                }
                n.self().slots().intersect(contested).stream().forEach(slots::set);
            }
            if (!slots.isEmpty()) {
                out.put(n.id(), SlotSet.of(slots.stream().boxed().toList()));
            }
        }
        return out;
    }

    /** The repairs, in the order they are applied, and the problems fix will not guess at. */
    public static FixPlan plan(ClusterSnapshot s, KeyCounts counts, boolean searchMultipleOwners) {
        List<FixStep> steps = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        introductions(s, steps, refusals, searchMultipleOwners);
        if (searchMultipleOwners) {
            multipleOwners(s, counts, steps, refusals);
        }
        openSlots(s, counts, steps, refusals);
        uncovered(s, counts, steps, refusals);
        strayKeys(s, counts, steps);
        return new FixPlan(s, steps, refusals);
    }

    /**
     * One MEET per pair is enough: the bus handshake makes both ends know each other. Two masters that claim the
     * same slot are not introduced unless that is being settled: on meeting, Redis settles it by epoch and the
     * losing side deletes its keys of the slot.
     */
    private static void introductions(ClusterSnapshot s, List<FixStep> steps, List<String> refusals,
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
                    refusals.add("Nodes " + a.address() + " and " + b.address() + " do not know each other and both "
                            + "claim slots " + both + ": meeting would make Redis drop one side's keys of them; "
                            + "rerun with --search-multiple-owners to settle them first.");
                } else {
                    steps.add(knows(a, b) ? new FixStep.Introduce(b, a) : new FixStep.Introduce(a, b));
                }
            }
        }
    }

    private static boolean knows(NodeReport node, NodeReport other) {
        return node.view().flatMap(v -> v.node(other.id())).isPresent();
    }

    private static void multipleOwners(ClusterSnapshot s, KeyCounts counts, List<FixStep> steps,
                                       List<String> refusals) {
        for (int slot : contested(s).toArray()) {
            int sl = slot;
            List<NodeReport> owners = s.claimants(slot);
            if (owners.stream().anyMatch(o -> o.self().migrating().containsKey(sl)
                    || o.self().importing().containsKey(sl))) {
                refusals.add("Slot " + slot + " has " + owners.size() + " owners and is open: trib will not guess.");
                continue;
            }
            // Most keys wins; on a tie, the owner the entry node believes in (what most clients were sent to), then
            // the first in the entry's order.
            Optional<String> believed = s.entryNode().view().flatMap(v -> v.ownerOf(sl));
            NodeReport keeper = owners.stream().max(Comparator.<NodeReport>comparingLong(o -> counts.of(o.id(), sl))
                    .thenComparing(o -> believed.filter(o.id()::equals).isPresent())).orElseThrow();
            steps.add(new FixStep.ResolveOwners(slot, keeper, owners.stream().filter(o -> o != keeper).toList()));
        }
    }

    private static void openSlots(ClusterSnapshot s, KeyCounts counts, List<FixStep> steps, List<String> refusals) {
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
                refusals.add("Slot " + slot + " is open but has " + owners.size() + " owners: trib will not guess.");
                continue;
            }
            NodeReport owner = owners.get(0);
            if (migrating.size() == 1 && migrating.get(0) == owner && importing.size() == 1) {
                steps.add(new FixStep.FinishMove(slot, owner, importing.get(0)));
            } else if (importing.isEmpty() && migrating.size() == 1 && migrating.get(0) == owner) {
                steps.add(new FixStep.Stabilize(slot, owner));
            } else if (migrating.isEmpty() && !importing.isEmpty()) {
                for (NodeReport imp : importing) {
                    steps.add(counts.of(imp.id(), slot) > 0 ? new FixStep.ReturnKeys(slot, imp, owner)
                            : new FixStep.Stabilize(slot, imp));
                }
            } else {
                refusals.add("Slot " + slot + ": " + migrating.size() + " node(s) migrating and " + importing.size()
                        + " importing in a way trib will not guess at.");
            }
        }
    }

    private static void uncovered(ClusterSnapshot s, KeyCounts counts, List<FixStep> steps, List<String> refusals) {
        int[] uncovered = s.uncoveredSlots().toArray();
        if (uncovered.length == 0) {
            return;
        }
        List<NodeReport> masters = s.reachable().stream().filter(n -> n.self().isMaster())
                .sorted(Comparator.comparingInt(n -> n.self().slots().size())).toList();
        if (masters.isEmpty()) {
            refusals.add("Slots " + s.uncoveredSlots() + " are served by nobody and no reachable master can take "
                    + "them.");
            return;
        }
        Map<String, List<Integer>> byMaster = new LinkedHashMap<>();
        Map<String, FixStep.AssignReason> why = new HashMap<>();
        List<Integer> free = new ArrayList<>();
        for (int slot : uncovered) {
            List<NodeReport> withKeys = masters.stream().filter(m -> counts.of(m.id(), slot) > 0).toList();
            // Else the master the others still name as owner, so their view and the claim agree.
            Optional<NodeReport> prior = s.entryNode().view().flatMap(v -> v.ownerOf(slot)).flatMap(s::node)
                    .filter(NodeReport::reachable).filter(n -> n.self().isMaster());
            if (withKeys.size() > 1) {
                refusals.add("Slot " + slot + " is served by nobody and " + withKeys.size()
                        + " masters hold keys of it: trib will not guess which keys win.");
            } else if (withKeys.size() == 1) {
                byMaster.computeIfAbsent(withKeys.get(0).id(), k -> new ArrayList<>()).add(slot);
                why.put(withKeys.get(0).id(), FixStep.AssignReason.HOLDS_KEYS);
            } else if (prior.isPresent()) {
                byMaster.computeIfAbsent(prior.get().id(), k -> new ArrayList<>()).add(slot);
                why.putIfAbsent(prior.get().id(), FixStep.AssignReason.NO_KEYS);
            } else {
                free.add(slot);
            }
        }
        // Slots nobody has a claim to are dealt out in contiguous runs, the emptiest master first, so each master
        // gets whole ranges rather than every n-th slot.
        int per = (free.size() + masters.size() - 1) / masters.size();
        for (int i = 0; i < free.size(); i++) {
            NodeReport to = masters.get(i / per);
            byMaster.computeIfAbsent(to.id(), k -> new ArrayList<>()).add(free.get(i));
            why.putIfAbsent(to.id(), FixStep.AssignReason.NO_KEYS);
        }
        for (var e : byMaster.entrySet()) {
            steps.add(new FixStep.Assign(SlotSet.of(e.getValue()), s.node(e.getKey()).orElseThrow(),
                    why.get(e.getKey())));
        }
    }

    /**
     * Keys a master holds in slots it neither owns nor has open (written with ASKING and left, or RESTOREd by
     * hand): clients are never sent there, so they are invisible until moved to the slot's single owner.
     */
    private static void strayKeys(ClusterSnapshot s, KeyCounts counts, List<FixStep> steps) {
        NodeReport[] single = singleOwners(s);
        SlotSet singleOwned = owned(single);
        for (NodeReport m : s.reachable()) {
            if (!m.self().isMaster() || m.keys().orElse(0) == 0) {
                continue;
            }
            counts.slotsWithKeys(m.id()).intersect(strayCandidates(m, singleOwned)).stream().forEach(slot -> {
                long n = counts.of(m.id(), slot);
                if (n > 0) {
                    steps.add(new FixStep.MoveStrayKeys(slot, m, single[slot], n));
                }
            });
        }
    }

    /**
     * The single reachable master claiming each slot, in a flat array built in one pass (null where none or several
     * claim it: those slots are left to the other repairs).
     */
    private static NodeReport[] singleOwners(ClusterSnapshot s) {
        NodeReport[] owner = new NodeReport[KeySlots.COUNT];
        boolean[] several = new boolean[KeySlots.COUNT];
        for (NodeReport n : s.reachable()) {
            if (n.self().isMaster()) {
                n.self().slots().stream().forEach(slot -> {
                    several[slot] |= owner[slot] != null;
                    owner[slot] = n;
                });
            }
        }
        for (int slot = 0; slot < KeySlots.COUNT; slot++) {
            if (several[slot]) {
                owner[slot] = null;
            }
        }
        return owner;
    }

    /** Slots claimed by more than one reachable master. */
    private static SlotSet contested(ClusterSnapshot s) {
        int[] claims = new int[KeySlots.COUNT];
        s.reachable().stream().filter(n -> n.self().isMaster()).forEach(n -> n.self().slots().stream()
                .forEach(slot -> claims[slot]++));
        List<Integer> out = new ArrayList<>();
        for (int slot = 0; slot < KeySlots.COUNT; slot++) {
            if (claims[slot] > 1) {
                out.add(slot);
            }
        }
        return SlotSet.of(out);
    }

    /** Slots another single master owns and the node has no open mark for: where its keys would be stray. */
    private static SlotSet strayCandidates(NodeReport m, SlotSet singleOwned) {
        SlotSet open = SlotSet.of(m.self().importing().keySet()).union(SlotSet.of(m.self().migrating().keySet()));
        return singleOwned.minus(m.self().slots()).minus(open);
    }

    private static SlotSet owned(NodeReport[] single) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < KeySlots.COUNT; slot++) {
            if (single[slot] != null) {
                slots.add(slot);
            }
        }
        return SlotSet.of(slots);
    }
}
