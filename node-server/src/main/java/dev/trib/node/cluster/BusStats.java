package dev.trib.node.cluster;

/** Cluster bus message counters per type, for CLUSTER INFO. */
public final class BusStats {
    public static final String[] TYPE_NAMES = {"ping", "pong", "meet", "fail", "publish", "auth-req", "auth-ack",
        "update", "mfstart", "module", "publishshard"};

    private final long[] sent = new long[TYPE_NAMES.length];
    private final long[] received = new long[TYPE_NAMES.length];

    public void sent(int type) {
        if (type >= 0 && type < sent.length) {
            sent[type]++;
        }
    }

    public void received(int type) {
        if (type >= 0 && type < received.length) {
            received[type]++;
        }
    }

    /** The cluster_stats_messages_* lines in CLUSTER INFO's order. */
    public void appendTo(StringBuilder sb) {
        long total = 0;
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] != 0) {
                total += sent[i];
                sb.append("cluster_stats_messages_").append(TYPE_NAMES[i]).append("_sent:").append(sent[i])
                        .append("\r\n");
            }
        }
        sb.append("cluster_stats_messages_sent:").append(total).append("\r\n");
        total = 0;
        for (int i = 0; i < received.length; i++) {
            if (received[i] != 0) {
                total += received[i];
                sb.append("cluster_stats_messages_").append(TYPE_NAMES[i]).append("_received:").append(received[i])
                        .append("\r\n");
            }
        }
        sb.append("cluster_stats_messages_received:").append(total).append("\r\n");
    }
}
