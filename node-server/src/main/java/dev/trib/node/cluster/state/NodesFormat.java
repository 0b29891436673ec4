package dev.trib.node.cluster.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLUSTER NODES text (also the body of nodes.conf):
 * {@code id ip:port@cport[,hostname] flags master|- ping_sent pong_recv configEpoch link slots...}
 * with one {@code \n}-terminated line per node. Open-slot markers appear only on myself's line.
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
            line(sb, config, n, ranges.getOrDefault(n.id(), List.of()), links);
        }
        return sb.toString();
    }

    /** One node's line, newline included. */
    public static String line(ClusterConfig config, ClusterNode n, LinkView links) {
        StringBuilder sb = new StringBuilder();
        line(sb, config, n, config.rangesByOwner().getOrDefault(n.id(), List.of()), links);
        return sb.toString();
    }

    private static void line(StringBuilder sb, ClusterConfig config, ClusterNode n, List<int[]> ranges,
                             LinkView links) {
        sb.append(n.id()).append(' ').append(n.ip()).append(':').append(n.port()).append('@').append(n.cport());
        if (!n.hostname().isEmpty()) {
            sb.append(',').append(n.hostname());
        }
        sb.append(' ').append(NodeFlags.render(n.flags()));
        sb.append(' ').append(n.masterId() == null ? "-" : n.masterId());
        boolean me = n.isMyself();
        sb.append(' ').append(me ? 0 : links.pingSent(n.id()));
        sb.append(' ').append(me ? 0 : links.pongReceived(n.id()));
        sb.append(' ').append(config.effectiveConfigEpoch(n));
        sb.append(' ').append(me || links.connected(n.id()) ? "connected" : "disconnected");
        for (int[] r : ranges) {
            sb.append(' ').append(r[0]);
            if (r[1] != r[0]) {
                sb.append('-').append(r[1]);
            }
        }
        if (me) {
            config.migrating().forEach((slot, to) -> sb.append(" [").append(slot).append("->-").append(to).append(']'));
            config.importing().forEach((slot, from) ->
                    sb.append(" [").append(slot).append("-<-").append(from).append(']'));
        }
        sb.append('\n');
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
        ClusterConfig.Editor editor = null;
        List<String[]> lines = new ArrayList<>();
        long currentEpoch = 0;
        long lastVote = 0;
        String myId = null;
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
            if (f.length < 8 || f[0].length() != 40) {
                throw new IllegalArgumentException("Unrecoverable error: corrupted cluster config file \"" + line
                        + "\"");
            }
            if (NodeFlags.parse(f[2]) != 0 && (NodeFlags.parse(f[2]) & NodeFlags.MYSELF) != 0) {
                myId = f[0];
            }
            lines.add(f);
        }
        if (myId == null) {
            throw new IllegalArgumentException("Unrecoverable error: the cluster config file has no myself line");
        }
        for (String[] f : lines) {
            ClusterNode node = parseNode(f, now);
            if (editor == null) {
                // Seed with myself so the builder has a base; other nodes are added below.
                editor = ClusterConfig.fresh(parseNode(find(lines, myId), now)).edit();
            }
            editor.put(node);
            for (int i = 8; i < f.length; i++) {
                slotToken(editor, node.id(), f[i]);
            }
        }
        return editor.currentEpoch(currentEpoch).lastVoteEpoch(lastVote).build();
    }

    private static String[] find(List<String[]> lines, String id) {
        for (String[] f : lines) {
            if (f[0].equals(id)) {
                return f;
            }
        }
        throw new IllegalStateException();
    }

    private static ClusterNode parseNode(String[] f, long now) {
        String addr = f[1];
        String hostname = "";
        int comma = addr.indexOf(',');
        if (comma >= 0) {
            hostname = addr.substring(comma + 1);
            addr = addr.substring(0, comma);
        }
        int at = addr.lastIndexOf('@');
        int colon = addr.lastIndexOf(':', at < 0 ? addr.length() : at);
        if (colon < 0) {
            throw new IllegalArgumentException("Unrecoverable error: bad address in cluster config: " + f[1]);
        }
        String ip = addr.substring(0, colon);
        int port = Integer.parseInt(addr.substring(colon + 1, at < 0 ? addr.length() : at));
        int cport = at < 0 ? port + 10000 : Integer.parseInt(addr.substring(at + 1));
        int flags = NodeFlags.parse(f[2]);
        String master = f[3].equals("-") ? null : f[3];
        long epoch = Long.parseLong(f[6]);
        return new ClusterNode(f[0], ip, port, cport, hostname, flags, master, epoch, now);
    }

    private static void slotToken(ClusterConfig.Editor editor, String id, String token) {
        if (token.startsWith("[")) {
            String body = token.substring(1, token.length() - 1);
            int mig = body.indexOf("->-");
            int imp = body.indexOf("-<-");
            if (mig > 0) {
                editor.migrating(Integer.parseInt(body.substring(0, mig)), body.substring(mig + 3));
            } else if (imp > 0) {
                editor.importing(Integer.parseInt(body.substring(0, imp)), body.substring(imp + 3));
            }
            return;
        }
        int dash = token.indexOf('-');
        int start = Integer.parseInt(dash < 0 ? token : token.substring(0, dash));
        int end = dash < 0 ? start : Integer.parseInt(token.substring(dash + 1));
        for (int s = start; s <= end; s++) {
            editor.setOwner(s, id);
        }
    }
}
