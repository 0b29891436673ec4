package dev.trib.planner.fix;

import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.fix.FixStep.Assign;
import dev.trib.planner.fix.FixStep.AssignReason;
import dev.trib.planner.fix.FixStep.FinishMove;
import dev.trib.planner.fix.FixStep.Introduce;
import dev.trib.planner.fix.FixStep.MoveStrayKeys;
import dev.trib.planner.fix.FixStep.ResolveOwners;
import dev.trib.planner.fix.FixStep.ReturnKeys;
import dev.trib.planner.fix.FixStep.Stabilize;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fix plans from literal snapshots: every node's own CLUSTER NODES text (marks only on its myself line, as Redis
 * prints them) and the key counts trib would have gathered. One case per situation fix repairs or refuses.
 */
class FixPlannerTest {
    static final String A = "a1a1a1a1" + "0".repeat(32);
    static final String B = "b2b2b2b2" + "0".repeat(32);
    static final String C = "c3c3c3c3" + "0".repeat(32);
    static final String R = "d4d4d4d4" + "0".repeat(32);

    // The lines of a healthy cluster: three masters on three hosts, a replica of A.
    static final String LINE_A = A + " 127.0.0.1:7000@17000 master - 0 1700000000000 1 connected 0-5460";
    static final String LINE_B = B + " 127.0.0.2:7001@17001 master - 0 1700000000000 2 connected 5461-10922";
    static final String LINE_C = C + " 127.0.0.3:7002@17002 master - 0 1700000000000 3 connected 10923-16383";
    static final String LINE_R = R + " 127.0.0.2:7003@17003 slave " + A + " 0 1700000000000 1 connected";

    /** CLUSTER NODES as the node with this id prints it: the lines given, "myself," on its own. */
    static String seenBy(String me, String... lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.startsWith(me) ? line.replaceFirst(" (master|slave)", " myself,$1") : line).append('\n');
        }
        return out.toString();
    }

    static NodeReport node(String nodesText, long keys) {
        var view = NodesParser.parse(nodesText);
        return NodeReport.reached(view.myself().orElseThrow().hostAndPort(), view, Map.of(), keys);
    }

    static NodeReport dead(String line, String reason) {
        var self = NodesParser.parse(line + "\n").nodes().get(0);
        return NodeReport.unreachable(self.hostAndPort(), self, reason);
    }

    static ClusterSnapshot snapshot(NodeReport... nodes) {
        return new ClusterSnapshot(nodes[0].address(), List.of(nodes));
    }

    /** A healthy cluster's four nodes, each seeing the same lines; the masters hold keys. */
    static ClusterSnapshot healthy() {
        return snapshot(node(seenBy(A, LINE_A, LINE_B, LINE_C, LINE_R), 100),
                node(seenBy(B, LINE_A, LINE_B, LINE_C, LINE_R), 100),
                node(seenBy(C, LINE_A, LINE_B, LINE_C, LINE_R), 100),
                node(seenBy(R, LINE_A, LINE_B, LINE_C, LINE_R), 100));
    }

    static NodeReport of(ClusterSnapshot s, String id) {
        return s.node(id).orElseThrow();
    }

    private static FixPlan plan(ClusterSnapshot s, KeyCounts counts) {
        return FixPlanner.plan(s, counts, false);
    }

    @Test
    void aHealthyClusterNeedsNothing() {
        ClusterSnapshot s = healthy();
        FixPlan plan = plan(s, KeyCounts.NONE);
        assertTrue(plan.nothingToDo(), plan.toString());
        assertEquals(List.of(), FixPlanner.unreachableMasters(s));
    }

    @Test
    void keyCountsAskedForAreStraySlotsOnMastersWithKeysAndNothingOnReplicas() {
        ClusterSnapshot s = healthy();
        Map<String, SlotSet> needed = FixPlanner.countsNeeded(s, false);
        assertEquals(Map.of(A, SlotSet.parse("5461-16383"), B, SlotSet.parse("0-5460,10923-16383"),
                C, SlotSet.parse("0-10922")), needed);
        ClusterSnapshot empty = snapshot(node(seenBy(A, LINE_A, LINE_B, LINE_C), 0),
                node(seenBy(B, LINE_A, LINE_B, LINE_C), 0), node(seenBy(C, LINE_A, LINE_B, LINE_C), 0));
        assertEquals(Map.of(), FixPlanner.countsNeeded(empty, false), "empty masters hold no stray keys");
    }

    @Test
    void aHalfDoneMoveIsFinishedWhicheverSideHoldsKeys() {
        String aMigrating = A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-5460 [42->-" + B + "]";
        String bImporting = B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 5461-10922 [42-<-" + A + "]";
        ClusterSnapshot s = snapshot(node(seenBy(A, aMigrating, LINE_B, LINE_C), 100),
                node(seenBy(B, LINE_A, bImporting, LINE_C), 100), node(seenBy(C, LINE_A, LINE_B, LINE_C), 100));
        assertTrue(FixPlanner.countsNeeded(s, false).get(B).contains(42), "the importing side is counted");
        for (KeyCounts counts : List.of(KeyCounts.NONE, KeyCounts.builder().put(B, 42, 1).build(),
                KeyCounts.builder().put(A, 42, 0).put(B, 42, 3).build())) {
            FixPlan plan = plan(s, counts);
            assertEquals(List.of(new FinishMove(42, of(s, A), of(s, B))), plan.steps(), counts.toString());
            assertEquals(List.of(), plan.refusals());
        }
    }

    @Test
    void aMigratingMarkAloneIsClosedOnTheOwner() {
        String aMigrating = A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-5460 [7->-" + B + "]";
        ClusterSnapshot s = snapshot(node(seenBy(A, aMigrating, LINE_B, LINE_C), 100),
                node(seenBy(B, LINE_A, LINE_B, LINE_C), 100), node(seenBy(C, LINE_A, LINE_B, LINE_C), 100));
        assertEquals(List.of(new Stabilize(7, of(s, A))), plan(s, KeyCounts.NONE).steps());
    }

    @Test
    void anImportingMarkWithoutKeysIsClosedAndWithKeysTheyGoBackToTheOwner() {
        // B and C both import slot 8 from A; only C got keys of it.
        String bImporting = B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 5461-10922 [8-<-" + A + "]";
        String cImporting = C + " 127.0.0.3:7002@17002 master - 0 0 3 connected 10923-16383 [8-<-" + A + "]";
        ClusterSnapshot s = snapshot(node(seenBy(A, LINE_A, LINE_B, LINE_C), 100),
                node(seenBy(B, LINE_A, bImporting, LINE_C), 100), node(seenBy(C, LINE_A, LINE_B, cImporting), 100));
        FixPlan plan = plan(s, KeyCounts.builder().put(B, 8, 0).put(C, 8, 2).build());
        assertEquals(List.of(new Stabilize(8, of(s, B)), new ReturnKeys(8, of(s, C), of(s, A))), plan.steps());
        assertEquals(List.of("Slot 8: close the open mark on 127.0.0.2:7001 (CLUSTER SETSLOT STABLE).",
                "Slot 8: move the keys 127.0.0.3:7002 imported back to the owner 127.0.0.1:7000, then close the mark."),
                FixText.lines(plan.steps()));
    }

    @Test
    void openSlotsFixWillNotGuessAtAreRefused() {
        // 9: migrating on a node that does not own it. 10: the owner migrates, two nodes import.
        // 11: importing, but nobody owns it.
        String aLine = A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-8 10 12-5460 [10->-" + B + "]";
        String aSeen = A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-8 10 12-5460";
        String bLine = B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 5461-10922 [9->-" + C + "] [10-<-" + A
                + "] [11-<-" + A + "]";
        String cLine = C + " 127.0.0.3:7002@17002 master - 0 0 3 connected 10923-16383 [10-<-" + A + "]";
        ClusterSnapshot s = snapshot(node(seenBy(A, aLine, LINE_B, LINE_C), 0), node(seenBy(B, aSeen, bLine, LINE_C), 0),
                node(seenBy(C, aSeen, LINE_B, cLine), 0));
        FixPlan plan = plan(s, KeyCounts.NONE);
        assertEquals(List.of(
                "Slot 9 is open but has 0 owners: trib will not guess.",
                "Slot 10: 1 node(s) migrating and 2 importing in a way trib will not guess at.",
                "Slot 11 is open but has 0 owners: trib will not guess."), plan.refusals());
        // Slots 9 and 11 nobody serves are planned too (one each to the two emptiest masters); the refusals keep
        // the whole plan from running.
        assertEquals(List.of(new Assign(SlotSet.of(9), of(s, A), AssignReason.NO_KEYS),
                new Assign(SlotSet.of(11), of(s, C), AssignReason.NO_KEYS)), plan.steps());
    }

    @Test
    void aMigratingMarkOnANodeThatDoesNotOwnTheSlotIsRefused() {
        String bLine = B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 5461-10922 [3->-" + C + "]";
        ClusterSnapshot s = snapshot(node(seenBy(A, LINE_A, LINE_B, LINE_C), 0), node(seenBy(B, LINE_A, bLine, LINE_C), 0),
                node(seenBy(C, LINE_A, LINE_B, LINE_C), 0));
        FixPlan plan = plan(s, KeyCounts.NONE);
        assertEquals(List.of("Slot 3: 1 node(s) migrating and 0 importing in a way trib will not guess at."),
                plan.refusals());
        assertEquals(List.of(), plan.steps());
    }

    @Test
    void anUncoveredSlotGoesToTheOneMasterHoldingItsKeys() {
        // C gave slot 11000 up (DELSLOTS): every node's view lost it.
        String cLine = C + " 127.0.0.3:7002@17002 master - 0 0 3 connected 10923-10999 11001-16383";
        ClusterSnapshot s = snapshot(node(seenBy(A, LINE_A, LINE_B, cLine), 100), node(seenBy(B, LINE_A, LINE_B, cLine), 100),
                node(seenBy(C, LINE_A, LINE_B, cLine), 100));
        assertTrue(FixPlanner.countsNeeded(s, false).values().stream().allMatch(slots -> slots.contains(11000)));
        FixPlan plan = plan(s, KeyCounts.builder().put(C, 11000, 5).build());
        assertEquals(List.of(new Assign(SlotSet.of(11000), of(s, C), AssignReason.HOLDS_KEYS)), plan.steps());
        assertEquals(List.of("Slots 11000: assign to 127.0.0.3:7002 (it holds their keys)."),
                FixText.lines(plan.steps()));
    }

    @Test
    void anUncoveredSlotWithoutKeysGoesToTheMasterTheEntryStillNames() {
        // C dropped slot 11000 itself; the entry A still names C as its owner.
        String cLine = C + " 127.0.0.3:7002@17002 master - 0 0 3 connected 10923-10999 11001-16383";
        ClusterSnapshot s = snapshot(node(seenBy(A, LINE_A, LINE_B, LINE_C), 0), node(seenBy(B, LINE_A, LINE_B, LINE_C), 0),
                node(seenBy(C, LINE_A, LINE_B, cLine), 0));
        assertEquals(List.of(new Assign(SlotSet.of(11000), of(s, C), AssignReason.NO_KEYS)),
                plan(s, KeyCounts.NONE).steps());
    }

    @Test
    void unclaimedSlotsAreDealtInContiguousRunsTheEmptiestMasterFirst() {
        // Slots 0-99 are owned by nobody in any view; B has the fewest slots, then A, then C.
        String aLine = A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 100-5460";
        String bLine = B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 5461-10000";
        String cLine = C + " 127.0.0.3:7002@17002 master - 0 0 3 connected 10001-16383";
        ClusterSnapshot s = snapshot(node(seenBy(A, aLine, bLine, cLine), 0), node(seenBy(B, aLine, bLine, cLine), 0),
                node(seenBy(C, aLine, bLine, cLine), 0));
        assertEquals(List.of(new Assign(SlotSet.parse("0-33"), of(s, B), AssignReason.NO_KEYS),
                new Assign(SlotSet.parse("34-67"), of(s, A), AssignReason.NO_KEYS),
                new Assign(SlotSet.parse("68-99"), of(s, C), AssignReason.NO_KEYS)), plan(s, KeyCounts.NONE).steps());
    }

    @Test
    void anUncoveredSlotWithKeysOnTwoMastersIsRefused() {
        String aLine = A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-4 6-5460";
        ClusterSnapshot s = snapshot(node(seenBy(A, aLine, LINE_B, LINE_C), 10), node(seenBy(B, aLine, LINE_B, LINE_C), 10),
                node(seenBy(C, aLine, LINE_B, LINE_C), 10));
        FixPlan plan = plan(s, KeyCounts.builder().put(A, 5, 3).put(B, 5, 1).build());
        assertEquals(List.of("Slot 5 is served by nobody and 2 masters hold keys of it: trib will not guess which keys "
                + "win."), plan.refusals());
    }

    /** Bug found by the planner: with no reachable master, FixOperation's dealing divided the slots among none. */
    @Test
    void uncoveredSlotsWithNoReachableMasterAreRefusedNotDealtToNobody() {
        String deadA = A + " 127.0.0.1:7000@17000 master,fail - 0 0 1 disconnected 0-16383";
        String replica = R + " 127.0.0.2:7003@17003 slave " + A + " 0 0 1 connected";
        ClusterSnapshot s = snapshot(node(seenBy(R, deadA, replica), 0), dead(deadA, "Connection refused"));
        assertEquals(List.of(of(s, A)), FixPlanner.unreachableMasters(s));
        FixPlan plan = plan(s, KeyCounts.NONE);
        assertEquals(List.of("Slots 0-16383 are served by nobody and no reachable master can take them."),
                plan.refusals());
        assertEquals(List.of(), plan.steps());
    }

    @Test
    void aMasterThatAnsweredTooLateIsNotCalledDead() {
        String slowC = C + " 127.0.0.3:7002@17002 master - 0 0 3 connected 10923-16383";
        ClusterSnapshot s = snapshot(node(seenBy(A, LINE_A, LINE_B, slowC), 0), node(seenBy(B, LINE_A, LINE_B, slowC),
                0), dead(slowC, "no reply in time"));
        assertEquals("Masters cannot be reached: 127.0.0.3:7002 (no reply in time). Nothing was changed; if a master "
                + "is only slow, run fix again or give it longer (--timeout MS, --command-timeout MS); if it is down, "
                + "use --fix-with-unreachable-masters to repair around them.",
                FixText.unreachable(FixPlanner.unreachableMasters(s)));
    }

    @Test
    void aDeadMastersSlotsAreAssignedAroundItAndAReplacedOneIsNotInTheWay() {
        // C is dead and still owns its slots; D (failed, replaced by its replica earlier) owns none.
        String deadC = C + " 127.0.0.3:7002@17002 master,fail - 0 0 3 disconnected 10923-16383";
        String replaced = "e5e5e5e5" + "0".repeat(32) + " 127.0.0.3:7004@17004 master,fail - 0 0 4 disconnected";
        ClusterSnapshot s = snapshot(node(seenBy(A, LINE_A, LINE_B, deadC, replaced), 0),
                node(seenBy(B, LINE_A, LINE_B, deadC, replaced), 0), dead(deadC, "Connection refused"),
                dead(replaced, "Connection refused"));
        assertEquals(List.of(of(s, C)), FixPlanner.unreachableMasters(s));
        assertEquals("Masters cannot be reached: 127.0.0.3:7002 (Connection refused). Nothing was changed; use "
                + "--fix-with-unreachable-masters to repair around them.", FixText.unreachable(
                FixPlanner.unreachableMasters(s)));
        // The entry names dead C as owner: not a candidate. A and B hold equal counts: the first (A) takes the
        // first run.
        FixPlan plan = plan(s, KeyCounts.NONE);
        assertEquals(List.of(new Assign(SlotSet.parse("10923-13653"), of(s, A), AssignReason.NO_KEYS),
                new Assign(SlotSet.parse("13654-16383"), of(s, B), AssignReason.NO_KEYS)), plan.steps());
    }

    @Test
    void aSlotTwoMastersClaimStaysWithTheOneHoldingMostKeys() {
        // B added slot 0 after A and B forgot each other... here they know each other: only the claim is double.
        String bLine = B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 0 5461-10922";
        ClusterSnapshot s = snapshot(node(seenBy(C, LINE_A, LINE_B, LINE_C), 10), node(seenBy(A, LINE_A, LINE_B, LINE_C), 10),
                node(seenBy(B, LINE_A, bLine, LINE_C), 10));
        assertEquals(List.of(), plan(s, KeyCounts.NONE).steps(), "without --search-multiple-owners: left alone");
        assertTrue(FixPlanner.countsNeeded(s, true).get(B).contains(0));
        FixPlan plan = FixPlanner.plan(s, KeyCounts.builder().put(A, 0, 1).put(B, 0, 4).build(), true);
        assertEquals(List.of(new ResolveOwners(0, of(s, B), List.of(of(s, A)))), plan.steps());
        assertEquals(List.of("Slot 0 is claimed by 127.0.0.2:7001 and 127.0.0.1:7000: keep it on 127.0.0.2:7001 "
                + "(most keys) and move the others' keys there."), FixText.lines(plan.steps()));
        // A tie goes to the owner the entry (C) believes in: A.
        FixPlan tie = FixPlanner.plan(s, KeyCounts.builder().put(A, 0, 2).put(B, 0, 2).build(), true);
        assertEquals(List.of(new ResolveOwners(0, of(s, A), List.of(of(s, B)))), tie.steps());
    }

    @Test
    void anOpenSlotTwoMastersClaimIsRefused() {
        String bLine = B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 0 5461-10922 [0->-" + C + "]";
        ClusterSnapshot s = snapshot(node(seenBy(A, LINE_A, LINE_B, LINE_C), 10), node(seenBy(B, LINE_A, bLine, LINE_C), 10),
                node(seenBy(C, LINE_A, LINE_B, LINE_C), 10));
        FixPlan plan = FixPlanner.plan(s, KeyCounts.NONE, true);
        assertEquals(List.of("Slot 0 has 2 owners and is open: trib will not guess.",
                "Slot 0 is open but has 2 owners: trib will not guess."), plan.refusals());
    }

    @Test
    void nodesThatForgotEachOtherAreIntroduced() {
        // C forgot B (B still knows C): one MEET from C.
        ClusterSnapshot s = snapshot(node(seenBy(A, LINE_A, LINE_B, LINE_C), 0), node(seenBy(B, LINE_A, LINE_B, LINE_C), 0),
                node(seenBy(C, LINE_A, LINE_C), 0));
        FixPlan plan = plan(s, KeyCounts.NONE);
        assertEquals(List.of(new Introduce(of(s, C), of(s, B))), plan.steps());
        assertEquals(List.of("Node 127.0.0.3:7002 does not know 127.0.0.2:7001 (b2b2b2b2): introduce them (CLUSTER "
                + "MEET)."), FixText.lines(plan.steps()));
    }

    @Test
    void nodesThatForgotEachOtherAndClaimTheSameSlotAreIntroducedOnlyWhenSettlingOwners() {
        String bLine = B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 0 5461-10922";
        ClusterSnapshot s = snapshot(node(seenBy(C, LINE_A, LINE_B, LINE_C), 10), node(seenBy(A, LINE_A, LINE_C), 10),
                node(seenBy(B, bLine, LINE_C), 10));
        FixPlan refused = plan(s, KeyCounts.NONE);
        assertEquals(List.of("Nodes 127.0.0.1:7000 and 127.0.0.2:7001 do not know each other and both claim slots 0: "
                + "meeting would make Redis drop one side's keys of them; rerun with --search-multiple-owners to "
                + "settle them first."), refused.refusals());
        FixPlan settled = FixPlanner.plan(s, KeyCounts.builder().put(A, 0, 3).put(B, 0, 1).build(), true);
        assertEquals(List.of(new Introduce(of(s, A), of(s, B)), new ResolveOwners(0, of(s, A), List.of(of(s, B)))),
                settled.steps());
        assertEquals(List.of(), settled.refusals());
    }

    @Test
    void keysWrittenWhereTheSlotIsNotOwnedGoToTheOwner() {
        ClusterSnapshot s = healthy();
        FixPlan plan = plan(s, KeyCounts.builder().put(B, 6, 2).put(B, 7, 1).put(C, 5461, 1).put(A, 100, 9).build());
        assertEquals(List.of(new MoveStrayKeys(6, of(s, B), of(s, A), 2), new MoveStrayKeys(7, of(s, B), of(s, A), 1),
                new MoveStrayKeys(5461, of(s, C), of(s, B), 1)), plan.steps(), "A's own slot 100 is no stray");
        assertEquals(List.of(
                "Slot 6: move the 2 key(s) 127.0.0.2:7001 holds without owning the slot to its owner 127.0.0.1:7000.",
                "Slot 7: move the 1 key(s) 127.0.0.2:7001 holds without owning the slot to its owner 127.0.0.1:7000.",
                "Slot 5461: move the 1 key(s) 127.0.0.3:7002 holds without owning the slot to its owner "
                        + "127.0.0.2:7001."), FixText.lines(plan.steps()), "different counts: one line each");
    }

    @Test
    void consecutiveSlotsWithTheSameRepairShareOneLine() {
        StringBuilder marks = new StringBuilder();
        for (int slot = 0; slot < 512; slot++) {
            marks.append(" [").append(slot).append("->-").append(B).append(']');
        }
        marks.append(" [600->-").append(B).append(']');
        String aMigrating = A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-5460" + marks;
        ClusterSnapshot s = snapshot(node(seenBy(A, aMigrating, LINE_B, LINE_C), 0), node(seenBy(B, LINE_A, LINE_B, LINE_C), 0),
                node(seenBy(C, LINE_A, LINE_B, LINE_C), 0));
        FixPlan plan = plan(s, KeyCounts.NONE);
        assertEquals(513, plan.steps().size());
        assertEquals(List.of("Slots 0-511: close the open mark on 127.0.0.1:7000 (CLUSTER SETSLOT STABLE).",
                "Slot 600: close the open mark on 127.0.0.1:7000 (CLUSTER SETSLOT STABLE)."),
                FixText.lines(plan.steps()));
    }
}
