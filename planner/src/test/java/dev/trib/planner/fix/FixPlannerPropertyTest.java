package dev.trib.planner.fix;

import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random clusters (2-40 masters in contiguous chunks, random slots given up by their owner, random keys in
 * slots their node does not own): every unserved slot is assigned exactly once to a reachable master (or refused,
 * when two masters hold its keys), and stray keys go to the slot's one owner, never to the node holding them.
 */
class FixPlannerPropertyTest {
    private static final int CASES = 100;

    @Test
    void everyUnservedSlotIsAssignedOnceAndStrayKeysGoToTheOwner() {
        Random random = new Random(16005);
        for (int c = 0; c < CASES; c++) {
            int masters = 2 + random.nextInt(random.nextInt(4) == 0 ? 39 : 8);
            List<String> ids = new ArrayList<>();
            List<SlotSet> owned = new ArrayList<>();
            int cursor = 0;
            for (int i = 0; i < masters; i++) {
                ids.add(String.format("%08x", random.nextInt()) + String.format("%032d", i));
                int end = i == masters - 1 ? KeySlots.COUNT - 1 : cursor + KeySlots.COUNT / masters - 1;
                SlotSet mine = SlotSet.range(cursor, end);
                // Some slots given up, every view agreeing: unserved, no prior owner.
                int drop = random.nextInt(3) == 0 ? 0 : random.nextInt(200);
                int from = cursor + random.nextInt(end - cursor + 1);
                mine = mine.minus(SlotSet.range(from, Math.min(end, from + drop)));
                owned.add(mine);
                cursor = end + 1;
            }
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < masters; i++) {
                lines.append(ids.get(i)).append(" 127.0.0.1:").append(7000 + i).append('@').append(17000 + i)
                        .append(" master - 0 0 ").append(i + 1).append(" connected");
                owned.get(i).ranges().forEach(r -> lines.append(' ').append(r));
                lines.append('\n');
            }
            List<NodeReport> nodes = new ArrayList<>();
            KeyCounts.Builder counts = KeyCounts.builder();
            BitSet expectedStray = new BitSet();
            for (int i = 0; i < masters; i++) {
                String mine = lines.toString().replaceFirst("(" + ids.get(i) + " \\S+) master", "$1 myself,master");
                boolean holds = random.nextBoolean();
                nodes.add(NodeReport.reached(new HostAndPort("127.0.0.1", 7000 + i), NodesParser.parse(mine),
                        Map.of(), holds ? 1 : 0));
                if (holds) {
                    int slot = random.nextInt(KeySlots.COUNT);
                    counts.put(ids.get(i), slot, 1 + random.nextInt(5));
                    if (!owned.get(i).contains(slot) && owner(owned, slot) >= 0) {
                        expectedStray.set(i * KeySlots.COUNT + slot);
                    }
                }
            }
            ClusterSnapshot s = new ClusterSnapshot(nodes.get(0).address(), nodes);
            SlotSet unserved = s.uncoveredSlots();
            KeyCounts keyCounts = counts.build();
            // Keys in an unserved slot make its holder take it; two holders of one such slot are refused.
            FixPlan plan = FixPlanner.plan(s, keyCounts, false);
            SlotSet assigned = SlotSet.EMPTY;
            BitSet stray = new BitSet();
            for (FixStep step : plan.steps()) {
                if (step instanceof FixStep.Assign as) {
                    assertTrue(as.slots().intersect(assigned).isEmpty(), () -> "slot assigned twice: " + as);
                    assertTrue(as.master().reachable() && as.master().self().isMaster());
                    if (as.why() == FixStep.AssignReason.NO_KEYS) {
                        assertTrue(as.slots().stream().allMatch(slot -> keyCounts.of(as.master().id(), slot) == 0));
                    }
                    assigned = assigned.union(as.slots());
                } else if (step instanceof FixStep.MoveStrayKeys m) {
                    int holder = ids.indexOf(m.holder().id());
                    assertEquals(owner(owned, m.slot()), ids.indexOf(m.owner().id()), "to the slot's owner");
                    assertTrue(holder != ids.indexOf(m.owner().id()));
                    stray.set(holder * KeySlots.COUNT + m.slot());
                } else {
                    throw new AssertionError("unexpected step " + step);
                }
            }
            SlotSet refused = SlotSet.of(plan.refusals().stream()
                    .map(r -> Integer.parseInt(r.replaceFirst("^Slot (\\d+) .*", "$1"))).toList());
            assertEquals(unserved, assigned.union(refused), "case " + c);
            assertTrue(assigned.intersect(refused).isEmpty());
            assertEquals(expectedStray, stray, "case " + c);
        }
    }

    /** The index of the master owning the slot, -1 for none. */
    private static int owner(List<SlotSet> owned, int slot) {
        for (int i = 0; i < owned.size(); i++) {
            if (owned.get(i).contains(slot)) {
                return i;
            }
        }
        return -1;
    }
}
