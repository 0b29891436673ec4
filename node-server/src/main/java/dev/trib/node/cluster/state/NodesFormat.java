package dev.trib.node.cluster.state;

import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.NodesParseException;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotRange;
import dev.trib.planner.topology.SlotSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CLUSTER NODES text and nodes.conf for this node's {@link ClusterConfig}. The line grammar is planner's
 * ({@link dev.trib.planner.topology.NodesFormat} writes, {@link NodesParser} reads): this class only projects the
 * config and the link health onto planner's {@link dev.trib.planner.topology.ClusterNode} and back.
 */
public final class NodesFormat {
    private NodesFormat() {
    }

    public static String render(ClusterConfig config, LinkView links, boolean includeHandshake) {
        Map<String, List<int[]>> ranges = config.rangesByOwner();
        StringBuilder sb = new StringBuilder();
        for (ClusterNode n : config.nodes()) {
            if (!includeHandshake && n.inHandshake()) {
                continue;
            }
            dev.trib.planner.topology.NodesFormat.appendLine(sb,
                    view(config, n, ranges.getOrDefault(n.id(), List.of()), links));
        }
        return sb.toString();
    }

    /** One node's line, newline included. */
    public static String line(ClusterConfig config, ClusterNode n, LinkView links) {
        return dev.trib.planner.topology.NodesFormat.line(
                view(config, n, config.rangesByOwner().getOrDefault(n.id(), List.of()), links));
    }

    /** The node as CLUSTER NODES shows it: link times and state from the bus, open slots on myself only. */
    private static dev.trib.planner.topology.ClusterNode view(ClusterConfig config, ClusterNode n, List<int[]> ranges,
                                                              LinkView links) {
        boolean me = n.isMyself();
        List<SlotRange> slots = new ArrayList<>(ranges.size());
        for (int[] r : ranges) {
            slots.add(new SlotRange(r[0], r[1]));
        }
        return new dev.trib.planner.topology.ClusterNode(n.id(),
                new NodeAddress(n.ip(), n.port(), n.cport(), Optional.of(n.hostname())),
                NodeFlag.fromBusBits(n.flags()), Optional.ofNullable(n.masterId()),
                me ? 0 : links.pingSent(n.id()), me ? 0 : links.pongReceived(n.id()), config.effectiveConfigEpoch(n),
                me || links.connected(n.id()), SlotSet.ofRanges(slots),
                me ? config.migrating() : Map.of(), me ? config.importing() : Map.of());
    }

    /** nodes.conf: the node lines (no handshake nodes) and the vars line. */
    public static String renderFile(ClusterConfig config, LinkView links) {
        return render(config, links, false) + "vars currentEpoch " + config.currentEpoch() + " lastVoteEpoch "
                + config.lastVoteEpoch() + "\n";
    }

    /**
     * Parses nodes.conf.
     *
     * @throws IllegalArgumentException naming the offending line when the file is malformed
     */
    public static ClusterConfig parseFile(String text, long now) {
        List<dev.trib.planner.topology.ClusterNode> lines = new ArrayList<>();
        long currentEpoch = 0;
        long lastVote = 0;
        dev.trib.planner.topology.ClusterNode myself = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(" ");
            if (f[0].equals("vars")) {
                for (int i = 1; i + 1 < f.length; i += 2) {
                    if (f[i].equals("currentEpoch")) {
                        currentEpoch = Long.parseLong(f[i + 1]);
                    } else if (f[i].equals("lastVoteEpoch")) {
                        lastVote = Long.parseLong(f[i + 1]);
                    }
                }
                continue;
            }
            dev.trib.planner.topology.ClusterNode node;
            try {
                node = NodesParser.parseLine(line, lines.size() + 1);
            } catch (NodesParseException e) {
                throw corrupted(line);
            }
            if (node.id().length() != 40) {
                throw corrupted(line);
            }
            if (node.isMyself()) {
                myself = node;
            }
            lines.add(node);
        }
        if (myself == null) {
            throw new IllegalArgumentException("Unrecoverable error: the cluster config file has no myself line");
        }
        // Seed with myself so the builder has a base; every node, myself again included, is then put in order.
        ClusterConfig.Editor editor = ClusterConfig.fresh(node(myself, now)).edit();
        for (dev.trib.planner.topology.ClusterNode n : lines) {
            editor.put(node(n, now));
            for (SlotRange r : n.slots().ranges()) {
                for (int s = r.start(); s <= r.end(); s++) {
                    editor.setOwner(s, n.id());
                }
            }
            n.migrating().forEach(editor::migrating);
            n.importing().forEach(editor::importing);
        }
        return editor.currentEpoch(currentEpoch).lastVoteEpoch(lastVote).build();
    }

    private static IllegalArgumentException corrupted(String line) {
        return new IllegalArgumentException("Unrecoverable error: corrupted cluster config file \"" + line + "\"");
    }

    private static ClusterNode node(dev.trib.planner.topology.ClusterNode n, long now) {
        NodeAddress a = n.address();
        return new ClusterNode(n.id(), a.ip(), a.port(), a.clusterPort(), a.hostname().orElse(""),
                NodeFlag.busBits(n.flags()), n.masterId().orElse(null), n.configEpoch(), now);
    }
}
