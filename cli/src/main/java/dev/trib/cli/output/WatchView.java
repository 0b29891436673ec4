package dev.trib.cli.output;

import dev.trib.commands.watch.ClusterSampler.NodeStats;
import dev.trib.commands.watch.ClusterSampler.Sample;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of one {@code trib watch} screen: a header, each master with its replicas under it, a bar of the 16384
 * slots with a letter per master, open slots and failures. Remembers roles between frames so a node that changed
 * role is marked for the next {@link #HIGHLIGHT_FRAMES} frames. Pure: the command draws the lines.
 */
public final class WatchView {
    public static final int BAR_CELLS = 64;
    static final int HIGHLIGHT_FRAMES = 10;
    /** More runs than this are summarised as a count, so a master's line stays within a terminal's width. */
    static final int MAX_RANGES_SHOWN = 3;
    private static final String REVERSE = "\u001B[7m";
    private static final String RESET = "\u001B[0m";

    private final boolean color;
    private final Map<String, Boolean> wasMaster = new HashMap<>();
    /** Node id to what it was, and for how many more frames to say so. */
    private final Map<String, String> changedFrom = new HashMap<>();
    private final Map<String, Integer> framesLeft = new HashMap<>();

    public WatchView(boolean color) {
        this.color = color;
    }

    /** The lines of the next frame; {@code time} is printed as given. */
    public List<String> render(Sample sample, String entry, String time) {
        ClusterSnapshot s = sample.snapshot();
        trackRoles(s);
        List<String> out = new ArrayList<>();
        // In slot order, so the letters read left to right along the bar.
        List<NodeReport> masters = s.nodes().stream().filter(n -> n.self().isMaster())
                .sorted(Comparator.comparingInt((NodeReport n) -> n.self().slots().isEmpty()
                        ? Integer.MAX_VALUE : n.self().slots().ranges().get(0).start())).toList();
        long replicas = s.nodes().size() - masters.size();
        out.add("trib watch " + entry + " | cluster_state " + s.entryNode().clusterInfo().getOrDefault("cluster_state",
                "?") + " | " + masters.size() + " masters, " + replicas + " replicas | " + time);
        Map<String, Character> letters = new LinkedHashMap<>();
        for (NodeReport m : masters) {
            if (!m.self().slots().isEmpty()) {
                letters.put(m.id(), (char) ('A' + letters.size() % 26));
            }
        }
        for (NodeReport m : masters) {
            Character letter = letters.get(m.id());
            out.add(decorate(m, (letter == null ? "-" : letter.toString()) + " M " + describe(m, sample)
                    + "  slots " + slotsText(m.self().slots())));
            for (NodeReport r : s.replicasOf(m.id())) {
                out.add(decorate(r, "    S " + describe(r, sample)));
            }
        }
        for (NodeReport n : s.nodes()) {
            boolean orphan = n.self().isReplica()
                    && n.self().masterId().flatMap(s::node).filter(m -> m.self().isMaster()).isEmpty();
            if (orphan) {
                out.add(decorate(n, "  ? S " + describe(n, sample) + "  replicates "
                        + n.self().masterId().orElse("nothing") + ", not a known master"));
            }
        }
        out.add("slots [" + bar(s, letters) + "]");
        StringBuilder legend = new StringBuilder("      ");
        letters.forEach((id, l) -> legend.append(l).append(' ').append(s.node(id).orElseThrow().address())
                .append("  "));
        legend.append(". unserved  ! open");
        out.add(legend.toString().stripTrailing());
        out.add("open slots: " + openSlots(s));
        out.add("failures: " + failures(s));
        return out;
    }

    private void trackRoles(ClusterSnapshot s) {
        framesLeft.replaceAll((id, n) -> n - 1);
        framesLeft.values().removeIf(n -> n <= 0);
        changedFrom.keySet().retainAll(framesLeft.keySet());
        for (NodeReport n : s.nodes()) {
            boolean master = n.self().isMaster();
            Boolean before = wasMaster.put(n.id(), master);
            if (before != null && before != master) {
                changedFrom.put(n.id(), before ? "was master" : "was replica");
                framesLeft.put(n.id(), HIGHLIGHT_FRAMES);
            }
        }
    }

    private String decorate(NodeReport n, String line) {
        String was = changedFrom.get(n.id());
        if (was == null) {
            return line;
        }
        String marked = line + "  (" + was + ")";
        return color ? REVERSE + marked + RESET : marked;
    }

    private static String describe(NodeReport n, Sample sample) {
        StringBuilder b = new StringBuilder(n.self().shortId()).append(' ').append(n.address());
        if (!n.reachable()) {
            return b.append("  unreachable: ").append(n.failure().orElse("?")).toString();
        }
        NodeStats stats = sample.of(n.id());
        b.append("  keys ").append(n.keys().orElse(0));
        b.append("  ops/s ").append(stats.opsPerSecond().map(String::valueOf).orElse("?"));
        b.append("  mem ").append(stats.memory().orElse("?"));
        b.append("  ").append(state(sample.snapshot(), n));
        return b.toString();
    }

    /** As the entry node sees it: its link to the node and whether it flags it failing. */
    private static String state(ClusterSnapshot s, NodeReport n) {
        ClusterNode seen = s.seenByEntry(n.id()).orElse(n.self());
        if (seen.is(NodeFlag.FAIL)) {
            return "FAIL";
        }
        if (seen.is(NodeFlag.PFAIL)) {
            return "fail?";
        }
        return seen.isMyself() || seen.linkConnected() ? "ok" : "link down";
    }

    /** One cell per 256 slots: the letter of the master owning most of them, '.' if any is unserved, '!' if open. */
    private static String bar(ClusterSnapshot s, Map<String, Character> letters) {
        String[] owner = new String[KeySlots.COUNT];
        boolean[] open = new boolean[KeySlots.COUNT];
        for (NodeReport n : s.reachable()) {
            if (n.self().isMaster()) {
                n.self().slots().stream().forEach(slot -> owner[slot] = n.id());
            }
            n.self().migrating().keySet().forEach(slot -> open[slot] = true);
            n.self().importing().keySet().forEach(slot -> open[slot] = true);
        }
        int per = KeySlots.COUNT / BAR_CELLS;
        StringBuilder b = new StringBuilder();
        for (int cell = 0; cell < BAR_CELLS; cell++) {
            Map<String, Integer> count = new HashMap<>();
            boolean unserved = false;
            boolean opened = false;
            for (int slot = cell * per; slot < (cell + 1) * per; slot++) {
                unserved |= owner[slot] == null;
                opened |= open[slot];
                if (owner[slot] != null) {
                    count.merge(owner[slot], 1, Integer::sum);
                }
            }
            if (opened) {
                b.append('!');
            } else if (unserved) {
                b.append('.');
            } else {
                String most = count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                b.append(letters.getOrDefault(most, '?'));
            }
        }
        return b.toString();
    }

    /**
     * A master's slots that never wrap a line: the runs while there are few ({@code 0-5460 (5461)}), else a count
     * ({@code 1,204 slots in 892 ranges}, as after a rebalance by keys).
     */
    static String slotsText(SlotSet slots) {
        if (slots.isEmpty()) {
            return "none";
        }
        String runs = slots.summary(MAX_RANGES_SHOWN);
        return runs.endsWith(" ranges") ? runs : runs + " (" + slots.size() + ")";
    }

    private static String openSlots(ClusterSnapshot s) {
        List<String> parts = new ArrayList<>();
        for (NodeReport n : s.reachable()) {
            if (!n.self().migrating().isEmpty()) {
                parts.add(n.address() + " migrating " + slotsText(SlotSet.of(n.self().migrating().keySet())));
            }
            if (!n.self().importing().isEmpty()) {
                parts.add(n.address() + " importing " + slotsText(SlotSet.of(n.self().importing().keySet())));
            }
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String failures(ClusterSnapshot s) {
        List<String> parts = new ArrayList<>();
        for (NodeReport n : s.nodes()) {
            if (!n.reachable()) {
                parts.add(n.address() + " unreachable");
            } else if (s.seenByEntry(n.id()).map(ClusterNode::isFailing).orElse(false)) {
                parts.add(n.address() + " flagged failing");
            }
        }
        String state = s.entryNode().clusterInfo().get("cluster_state");
        if (state != null && !state.equals("ok")) {
            parts.add("cluster_state " + state);
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }
}
