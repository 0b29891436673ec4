package dev.trib.planner.doctor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The configuration doctor reads from every node (CONFIG GET), and how each value is compared. */
public final class Settings {
    public static final String NODE_TIMEOUT = "cluster-node-timeout";
    public static final String PROTO_MAX_BULK_LEN = "proto-max-bulk-len";
    public static final String OUTPUT_BUFFER_LIMIT = "client-output-buffer-limit";
    public static final String MAXMEMORY = "maxmemory";
    public static final String APPENDONLY = "appendonly";
    public static final String SAVE = "save";

    /**
     * Settings that behave badly when nodes differ: a failover decided by one timeout and not another, a cluster
     * down for some clients and not others, replicas dropped by one master's buffers and not another's.
     */
    public static final List<String> MUST_AGREE = List.of(NODE_TIMEOUT, "cluster-require-full-coverage",
            "cluster-allow-reads-when-down", "cluster-migration-barrier", "cluster-allow-replica-migration",
            "maxmemory-policy", OUTPUT_BUFFER_LIMIT, PROTO_MAX_BULK_LEN);

    /** Everything doctor reads with CONFIG GET. */
    public static final List<String> READ = List.of(NODE_TIMEOUT, "cluster-require-full-coverage",
            "cluster-allow-reads-when-down", "cluster-migration-barrier", "cluster-allow-replica-migration",
            "maxmemory-policy", OUTPUT_BUFFER_LIMIT, PROTO_MAX_BULK_LEN, MAXMEMORY, APPENDONLY, SAVE);

    private Settings() {
    }

    /**
     * The value compared across nodes: for client-output-buffer-limit only the replica class (the normal and
     * pubsub classes concern clients, not the cluster), as {@code replica HARD SOFT SECONDS}.
     */
    public static Optional<String> compared(NodeFacts n, String name) {
        Optional<String> v = n.setting(name);
        return name.equals(OUTPUT_BUFFER_LIMIT) ? v.flatMap(Settings::replicaClass) : v;
    }

    /** The replica class of a client-output-buffer-limit value ({@code slave} in 7.0's output, {@code replica} too). */
    static Optional<String> replicaClass(String value) {
        String[] t = value.trim().split("\\s+");
        for (int i = 0; i + 3 < t.length; i += 4) {
            if (t[i].equals("slave") || t[i].equals("replica")) {
                return Optional.of("replica " + t[i + 1] + " " + t[i + 2] + " " + t[i + 3]);
            }
        }
        return Optional.empty();
    }

    /** The replica class's hard limit in bytes; empty when unknown or 0 (no limit). */
    public static OptionalLong replicaHardLimit(NodeFacts n) {
        Optional<String> replica = compared(n, OUTPUT_BUFFER_LIMIT);
        OptionalLong hard = replica.isPresent() ? number(replica.get().split(" ")[1]) : OptionalLong.empty();
        return hard.isPresent() && hard.getAsLong() > 0 ? hard : OptionalLong.empty();
    }

    public static OptionalLong number(NodeFacts n, String name) {
        return n.setting(name).map(Settings::number).orElse(OptionalLong.empty());
    }

    /** A decimal number (CONFIG GET and INFO print sizes in bytes); empty when absent or not a number. */
    public static OptionalLong number(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** appendonly no and an empty save: a restart comes back empty. Unknown when either was not read. */
    public static Optional<Boolean> persistenceOff(NodeFacts n) {
        Optional<String> aof = n.setting(APPENDONLY);
        Optional<String> save = n.setting(SAVE);
        if (aof.isEmpty() || save.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(aof.get().equals("no") && save.get().isBlank());
    }
}
