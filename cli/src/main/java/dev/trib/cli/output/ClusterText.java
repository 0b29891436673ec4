package dev.trib.cli.output;

import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.Finding;
import dev.trib.planner.check.FindingKind;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.check.Severity;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.KeySlots;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text form of snapshots and check reports, in the lines redis-cli users grep for. */
public final class ClusterText {
    private ClusterText() {
    }

    /**
     * {@code H:P (abcd1234...) -> 10 keys | 5 slots | 1 slaves.} per master, then totals: {@code [OK]} only when
     * every master was reached, else {@code [ERR]} naming the masters whose keys are not counted. A failed master
     * that was replaced (unreachable, no slots) is not counted: a warning says how to remove it.
     *
     * @return true when every master was reached
     */
    public static boolean info(Printer p, ClusterSnapshot s) {
        long total = 0;
        List<NodeReport> masters = s.countedMasters();
        for (NodeReport m : masters) {
            long keys = m.keys().orElse(0);
            total += keys;
            p.line(m.address() + " (" + m.self().shortId() + "...) -> "
                    + (m.reachable() ? keys + " keys" : "? keys (unreachable)") + " | "
                    + m.self().slots().size() + " slots | " + s.replicasOf(m.id()).size() + " slaves.");
        }
        for (NodeReport gone : s.replacedMasters()) {
            p.warning("Node " + gone.address() + " (" + gone.self().shortId() + ") is a failed master without slots, "
                    + "not counted; remove it with 'trib del-node " + s.entry() + " " + gone.id() + "'.");
        }
        List<String> unreachable = masters.stream().filter(m -> !m.reachable()).map(m -> m.address().toString())
                .toList();
        if (unreachable.isEmpty()) {
            p.ok(total + " keys in " + masters.size() + " masters.");
        } else {
            p.error(total + " keys in " + masters.size() + " masters, not counting the keys of unreachable "
                    + (unreachable.size() == 1 ? "master " : "masters ") + String.join(", ", unreachable) + ".");
        }
        p.line(String.format(Locale.ROOT, "%.2f keys per slot on average.", (double) total / KeySlots.COUNT));
        return unreachable.isEmpty();
    }

    /** The node listing of a check: {@code M: id H:P}, slots, replicas. */
    public static void nodes(Printer p, ClusterSnapshot s) {
        for (NodeReport n : s.nodes()) {
            ClusterNode self = n.self();
            p.line((self.isMaster() ? "M: " : "S: ") + self.id() + " " + n.address());
            p.line("   slots:" + slotsText(self) + " (" + self.slots().size() + " slots) "
                    + (self.isMaster() ? "master" : "slave"));
            if (self.isMaster()) {
                int replicas = s.replicasOf(self.id()).size();
                if (replicas > 0) {
                    p.line("   " + replicas + " additional replica(s)");
                }
            } else {
                self.masterId().ifPresent(m -> p.line("   replicates " + m));
            }
            n.failure().ifPresent(f -> p.line("   unreachable: " + f));
        }
    }

    /** The nodes after a change: listed up to {@link Listing#WHOLE} of them, else one summary line. */
    public static void nodesAfterChange(Printer p, ClusterSnapshot s) {
        if (s.nodes().size() <= Listing.WHOLE) {
            nodes(p, s);
        } else {
            summary(p, s);
        }
    }

    /** {@code 150 nodes: 75 masters serving 16384 slots, 75 replicas (trib check H:P lists them).} */
    private static void summary(Printer p, ClusterSnapshot s) {
        List<NodeReport> masters = s.masters();
        int slots = masters.stream().mapToInt(m -> m.self().slots().size()).sum();
        p.line("   " + s.nodes().size() + " nodes: " + masters.size() + " masters serving " + slots + " slots, "
                + (s.nodes().size() - masters.size()) + " replicas ('trib check " + s.entry() + "' lists them)");
    }

    /** {@code [0-5460],[5462]}, as redis-cli prints slot runs. */
    static String slotsText(ClusterNode n) {
        return n.slots().ranges().stream().map(r -> "[" + r + "]").collect(Collectors.joining(","));
    }

    /** The check command's report: every node listed, as redis-cli prints it. */
    public static void check(Printer p, CheckReport r) {
        check(p, r, true);
    }

    /**
     * The check a changing command ends with: the same findings, but past {@link Listing#WHOLE} nodes one summary
     * line instead of three lines per node (450 lines at 150 nodes buried the one line saying what was done).
     */
    public static void checkAfterChange(Printer p, CheckReport r) {
        check(p, r, r.snapshot().nodes().size() <= Listing.WHOLE);
    }

    private static void check(Printer p, CheckReport r, boolean listNodes) {
        ClusterSnapshot s = r.snapshot();
        p.step("Performing Cluster Check (using node " + s.entry() + ")");
        if (listNodes) {
            nodes(p, s);
        } else {
            summary(p, s);
        }
        if (r.has(FindingKind.NODES_DISAGREE)) {
            print(p, r.of(FindingKind.NODES_DISAGREE));
        } else {
            p.ok("All nodes agree about slots configuration.");
        }
        p.step("Check for open slots...");
        print(p, r.of(FindingKind.SLOT_MIGRATING));
        print(p, r.of(FindingKind.SLOT_IMPORTING));
        print(p, r.of(FindingKind.OPEN_SLOTS));
        p.step("Check slots coverage...");
        if (r.has(FindingKind.SLOTS_UNCOVERED)) {
            Finding f = r.of(FindingKind.SLOTS_UNCOVERED).get(0);
            print(p, List.of(f));
            p.line("   Uncovered slots: " + f.slots() + " (" + f.slots().size() + " slots).");
        } else {
            p.ok("All " + KeySlots.COUNT + " slots covered.");
        }
        if (r.searchedMultipleOwners()) {
            p.step("Check for multiple slot owners...");
            if (r.has(FindingKind.MULTIPLE_OWNERS)) {
                print(p, r.of(FindingKind.MULTIPLE_OWNERS));
            } else {
                p.ok("No multiple owners found.");
            }
        }
        p.step("Check nodes health...");
        List<Finding> health = r.findings().stream().filter(f -> switch (f.kind()) {
            case NODE_UNREACHABLE, NODE_FLAGGED_FAILING, REPLICA_WITHOUT_MASTER, CLUSTER_STATE_FAIL -> true;
            default -> false;
        }).toList();
        if (health.isEmpty()) {
            p.ok("All " + s.nodes().size() + " nodes reachable and healthy.");
        } else {
            print(p, health);
        }
    }

    private static void print(Printer p, List<Finding> findings) {
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                p.error(f.message());
            } else {
                p.warning(f.message());
            }
        }
    }
}
