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
        appendCounts(sb, "sent", sent);
        appendCounts(sb, "received", received);
    }

    /** One line per type that has a count, then the total. */
    private static void appendCounts(StringBuilder sb, String direction, long[] counts) {
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                total += counts[i];
                sb.append("cluster_stats_messages_").append(TYPE_NAMES[i]).append('_').append(direction).append(':')
                        .append(counts[i]).append("\r\n");
            }
        }
        sb.append("cluster_stats_messages_").append(direction).append(':').append(total).append("\r\n");
    }
}
