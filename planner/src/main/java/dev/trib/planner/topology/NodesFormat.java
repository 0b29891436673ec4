package dev.trib.planner.topology;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one writer of CLUSTER NODES lines (and of nodes.conf's node lines), the inverse of {@link NodesParser}:
 * {@code id ip:port@cport[,hostname] flags master|- ping_sent pong_recv configEpoch connected|disconnected slots...},
 * each line ending in {@code \n}. Open-slot markers are written as the node carries them (Redis puts them on the
 * myself line only): every {@code [s->-id]}, then every {@code [s-<-id]}.
 */
public final class NodesFormat {
    private NodesFormat() {
    }

    public static String format(List<ClusterNode> nodes) {
        StringBuilder sb = new StringBuilder();
        for (ClusterNode n : nodes) {
            appendLine(sb, n);
        }
        return sb.toString();
    }

    /** One node's line, newline included. */
    public static String line(ClusterNode node) {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, node);
        return sb.toString();
    }

    public static void appendLine(StringBuilder sb, ClusterNode n) {
        sb.append(n.id()).append(' ');
        appendAddress(sb, n.address());
        sb.append(' ').append(flags(n.flags()));
        sb.append(' ').append(n.masterId().orElse("-"));
        sb.append(' ').append(n.pingSent());
        sb.append(' ').append(n.pongReceived());
        sb.append(' ').append(n.configEpoch());
        sb.append(' ').append(n.linkConnected() ? "connected" : "disconnected");
        for (SlotRange r : n.slots().ranges()) {
            sb.append(' ').append(r);
        }
        appendMarkers(sb, n.migrating(), "->-");
        appendMarkers(sb, n.importing(), "-<-");
        sb.append('\n');
    }

    /** {@code ip:port@cport[,hostname]}; an IPv6 ip is written bare, as Redis does. */
    public static void appendAddress(StringBuilder sb, NodeAddress a) {
        sb.append(a.ip()).append(':').append(a.port()).append('@').append(a.clusterPort());
        a.hostname().ifPresent(h -> sb.append(',').append(h));
    }

    /** e.g. {@code myself,master}, in Redis's order whatever the set's; {@code noflags} for none. */
    public static String flags(Set<NodeFlag> flags) {
        if (flags.isEmpty()) {
            return "noflags";
        }
        StringBuilder sb = new StringBuilder();
        for (NodeFlag f : NodeFlag.values()) {
            if (flags.contains(f)) {
                sb.append(sb.length() == 0 ? "" : ",").append(f.token());
            }
        }
        return sb.toString();
    }

    private static void appendMarkers(StringBuilder sb, Map<Integer, String> open, String arrow) {
        open.forEach((slot, id) -> sb.append(" [").append(slot).append(arrow).append(id).append(']'));
    }
}
