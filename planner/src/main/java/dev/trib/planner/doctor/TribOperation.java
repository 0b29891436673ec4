package dev.trib.planner.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * trib's operations and the commands each sends to the cluster's nodes: what a user needs the rights for. Every
 * operation starts by reading the cluster as check does. MIGRATE makes the source send SELECT and RESTORE-ASKING to
 * the target as the same user, so moving keys needs those on every master too.
 */
public enum TribOperation {
    CHECK("check"),
    RESHARD("reshard/rebalance",
            Probe.of("CLUSTER", "SETSLOT", "0", "STABLE"),
            Probe.of("CLUSTER", "GETKEYSINSLOT", "0", "10"),
            Probe.of("CLUSTER", "COUNTKEYSINSLOT", "0"),
            Probe.of("MIGRATE", "127.0.0.1", "6379", "", "0", "60000", "KEYS", "trib:doctor"),
            Probe.of("SELECT", "0"),
            Probe.of("RESTORE-ASKING", "trib:doctor", "0", "payload"),
            Probe.of("ASKING"),
            Probe.of("EXISTS", "trib:doctor")),
    FIX("fix",
            Probe.of("CLUSTER", "SETSLOT", "0", "STABLE"),
            Probe.of("CLUSTER", "GETKEYSINSLOT", "0", "10"),
            Probe.of("CLUSTER", "COUNTKEYSINSLOT", "0"),
            Probe.of("MIGRATE", "127.0.0.1", "6379", "", "0", "60000", "KEYS", "trib:doctor"),
            Probe.of("SELECT", "0"),
            Probe.of("RESTORE-ASKING", "trib:doctor", "0", "payload"),
            Probe.of("ASKING"),
            Probe.of("CLUSTER", "ADDSLOTS", "0"),
            Probe.of("CLUSTER", "DELSLOTS", "0"),
            Probe.of("CLUSTER", "BUMPEPOCH"),
            Probe.of("MULTI"),
            Probe.of("EXEC")),
    FAILOVER("failover",
            Probe.of("CLUSTER", "FAILOVER")),
    ADD_DEL_NODE("add-node/del-node",
            Probe.of("CLUSTER", "MEET", "127.0.0.1", "6379"),
            Probe.of("CLUSTER", "REPLICATE", "0000000000000000000000000000000000000000"),
            Probe.of("CLUSTER", "FORGET", "0000000000000000000000000000000000000000"),
            Probe.of("CLUSTER", "RESET", "SOFT")),
    /** The standalone source runs MIGRATE without cluster mode: the masters receive SELECT and RESTORE. */
    IMPORT("import",
            Probe.of("SELECT", "0"),
            Probe.of("RESTORE", "trib:doctor", "0", "payload")),
    BACKUP("backup",
            Probe.of("CONFIG", "GET", "dir"),
            Probe.of("SYNC")),
    SET_TIMEOUT("set-timeout",
            Probe.of("CONFIG", "SET", "cluster-node-timeout", "15000"),
            Probe.of("CONFIG", "REWRITE"));

    /** What check (and so every operation) sends: CLUSTER NODES, CLUSTER INFO, DBSIZE, INFO. */
    private static final List<Probe> READ = List.of(
            Probe.of("CLUSTER", "NODES"), Probe.of("CLUSTER", "INFO"), Probe.of("DBSIZE"), Probe.of("INFO", "server"));

    private final String title;
    private final List<Probe> own;

    TribOperation(String title, Probe... own) {
        this.title = title;
        this.own = List.of(own);
    }

    /** How the report names it: the subcommands it stands for. */
    public String title() {
        return title;
    }

    /** Every command the operation sends, check's reads first. */
    public List<Probe> probes() {
        List<Probe> all = new ArrayList<>(READ);
        all.addAll(own);
        return all;
    }

    /** Every distinct command any operation sends, each once: what doctor dry-runs on each node. */
    public static List<Probe> allProbes() {
        Map<String, Probe> byName = new LinkedHashMap<>();
        for (TribOperation op : values()) {
            op.probes().forEach(p -> byName.putIfAbsent(p.name(), p));
        }
        return List.copyOf(byName.values());
    }
}
