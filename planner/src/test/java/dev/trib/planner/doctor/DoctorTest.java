package dev.trib.planner.doctor;

import dev.trib.planner.topology.HostAndPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every doctor finding from literal node facts, and its absence on the healthy cluster: three masters on three
 * hosts, each with a replica on another host, 7.0.15 everywhere, persistence on, default settings.
 */
class DoctorTest {
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);
    static final String C = "c".repeat(40);
    static final String RA = "d".repeat(40);
    static final String RB = "e".repeat(40);
    static final String RC = "f".repeat(40);
    static final double MB = 1024 * 1024;

    private static Facts a() {
        return Facts.master(A, "127.0.0.1:7000", 5461).seen("127.0.0.2:7003", "online", 0)
                .keys(3, false, new SampledKey("user:1", 120, 9189), new SampledKey("cart:7", 4_000, 1));
    }

    private static Facts b() {
        return Facts.master(B, "127.0.0.2:7001", 5462).seen("127.0.0.3:7004", "online", 1).keys(0, false);
    }

    private static Facts c() {
        return Facts.master(C, "127.0.0.3:7002", 5461).seen("127.0.0.1:7005", "online", 0).keys(0, false);
    }

    private static Facts ra() {
        return Facts.replica(RA, "127.0.0.2:7003", A);
    }

    private static Facts rb() {
        return Facts.replica(RB, "127.0.0.3:7004", B);
    }

    private static Facts rc() {
        return Facts.replica(RC, "127.0.0.1:7005", C);
    }

    /** The healthy cluster with each node's facts changed by the matching function (null: unchanged). */
    private static DoctorReport examine(List<UnaryOperator<Facts>> change, double rate) {
        List<Facts> facts = List.of(a(), b(), c(), ra(), rb(), rc());
        List<NodeFacts> nodes = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            UnaryOperator<Facts> f = i < change.size() && change.get(i) != null ? change.get(i) : x -> x;
            nodes.add(f.apply(facts.get(i).acl("default")).build());
        }
        return Doctor.examine(new DoctorInput(new HostAndPort("127.0.0.1", 7000), nodes, rate, false));
    }

    private static DoctorReport examine(List<UnaryOperator<Facts>> change) {
        return examine(change, 20 * MB);
    }

    private static List<String> messages(DoctorReport r, DoctorKind kind) {
        return r.of(kind).stream().map(DoctorFinding::message).toList();
    }

    private static List<DoctorKind> problemKinds(DoctorReport r) {
        return r.findings().stream().filter(DoctorFinding::problem).map(DoctorFinding::kind).toList();
    }

    @Test
    void aHealthyClusterHasOnlyInformation() {
        DoctorReport r = examine(Arrays.asList());
        assertTrue(r.clean(), r.findings().toString());
        assertEquals(List.of("Sized a sample of 3 keys on 3 masters; the largest: Key 'cart:7' (3.9 KB, slot 1) on "
                + "127.0.0.1:7000."), messages(r, DoctorKind.KEYS_SAMPLED));
        assertEquals(List.of("User 'default' may run every trib operation (ACL DRYRUN on 6 nodes (127.0.0.1:7000,7005 "
                + "127.0.0.2:7001,7003 127.0.0.3:7002,7004))."), messages(r, DoctorKind.PERMISSIONS_ALLOWED));
        assertEquals(2, r.findings().size(), r.findings().toString());
    }

    @Test
    void anUnreachableReplicaIsAnErrorAndLeavesItsMasterWithoutReplica() {
        List<NodeFacts> nodes = new ArrayList<>(List.of(a().build(), b().build(), c().build(),
                Facts.unreachableReplica(RA, "127.0.0.2:7003", A), rb().build(), rc().build()));
        DoctorReport r = Doctor.examine(new DoctorInput(new HostAndPort("127.0.0.1", 7000), nodes, MB, false));
        assertEquals(List.of("Replica 127.0.0.2:7003 (dddddddd) is unreachable: connection refused."),
                messages(r, DoctorKind.NODE_UNREACHABLE));
        assertEquals(Severity.ERROR, r.of(DoctorKind.NODE_UNREACHABLE).get(0).severity());
        assertEquals(List.of("Master 127.0.0.1:7000 (aaaaaaaa) has no reachable replica with a live link "
                + "(127.0.0.2:7003 unreachable): if it fails, its 5461 slots are down until it returns."),
                messages(r, DoctorKind.MASTER_WITHOUT_REPLICA));
        assertEquals(List.of(A), r.of(DoctorKind.MASTER_WITHOUT_REPLICA).get(0).nodes());
        assertFalse(r.clean());
        // Findings are ordered by topic: nodes first, replication after.
        assertEquals(DoctorKind.NODE_UNREACHABLE, r.findings().get(0).kind());
    }

    @Test
    void aMasterWithoutAnyReplica() {
        List<NodeFacts> nodes = List.of(a().build(), b().build(), c().build(), rb().build(), rc().build());
        DoctorReport r = Doctor.examine(new DoctorInput(new HostAndPort("127.0.0.1", 7000), nodes, MB, false));
        assertEquals(List.of("Master 127.0.0.1:7000 (aaaaaaaa) has no replica: if it fails, its 5461 slots are down "
                + "until it returns."), messages(r, DoctorKind.MASTER_WITHOUT_REPLICA));
        assertEquals("Add a replica: trib add-node NEW_HOST:PORT 127.0.0.1:7000 --replica --master-id " + A + ".",
                r.of(DoctorKind.MASTER_WITHOUT_REPLICA).get(0).advice());
    }

    @Test
    void aDifferentNodeTimeoutIsNamedWithTheCommonValue() {
        DoctorReport r = examine(Arrays.asList(x -> x, f -> f.set("cluster-node-timeout", "3000")));
        assertEquals(List.of("cluster-node-timeout differs: '15000' on 5 nodes (127.0.0.1:7000,7005 "
                + "127.0.0.2:7003 127.0.0.3:7002,7004), '3000' on 127.0.0.2:7001."),
                messages(r, DoctorKind.SETTING_DIFFERS));
        DoctorFinding f = r.of(DoctorKind.SETTING_DIFFERS).get(0);
        assertEquals(List.of(B), f.nodes());
        assertEquals("Set one value on every node, e.g. trib set-timeout HOST:PORT 15000.", f.advice());
        assertEquals(List.of(DoctorKind.SETTING_DIFFERS), problemKinds(r));
    }

    @Test
    void everySettingThatShouldAgreeIsCompared() {
        for (String name : Settings.MUST_AGREE) {
            String value = name.equals(Settings.OUTPUT_BUFFER_LIMIT) ? "normal 0 0 0 slave 1048576 1048576 60" : "7";
            DoctorReport r = examine(Arrays.asList(f -> f.set(name, value)));
            assertEquals(1, r.of(DoctorKind.SETTING_DIFFERS).size(), name);
            assertTrue(r.of(DoctorKind.SETTING_DIFFERS).get(0).message().startsWith(name + " differs: "), name);
            assertTrue(r.of(DoctorKind.SETTING_DIFFERS).get(0).advice().contains("CONFIG SET " + name)
                    || name.equals(Settings.NODE_TIMEOUT), name);
        }
    }

    @Test
    void onlyTheReplicaClassOfTheOutputBufferLimitCounts() {
        DoctorReport same = examine(Arrays.asList(f -> f.set(Settings.OUTPUT_BUFFER_LIMIT,
                "normal 1 2 3 slave 268435456 67108864 60 pubsub 0 0 0")));
        assertTrue(same.of(DoctorKind.SETTING_DIFFERS).isEmpty(), same.findings().toString());
        DoctorReport other = examine(Arrays.asList(f -> f.set(Settings.OUTPUT_BUFFER_LIMIT,
                "normal 0 0 0 slave 0 0 0 pubsub 33554432 8388608 60")));
        assertEquals(List.of("client-output-buffer-limit differs: 'replica 268435456 67108864 60' on 5 nodes "
                + "(127.0.0.1:7005 127.0.0.2:7001,7003 127.0.0.3:7002,7004), 'replica 0 0 0' on 127.0.0.1:7000."),
                messages(other, DoctorKind.SETTING_DIFFERS));
    }

    @Test
    void aSettingNotReadIsNotADifference() {
        DoctorReport r = examine(Arrays.asList(f -> f.without("maxmemory-policy").readFailure("CONFIG GET: NOPERM")));
        assertTrue(r.of(DoctorKind.SETTING_DIFFERS).isEmpty());
        assertEquals(List.of("Could not read everything from 127.0.0.1:7000 (aaaaaaaa): CONFIG GET: NOPERM."),
                messages(r, DoctorKind.READ_FAILED));
    }

    @Test
    void mastersWithPersistenceOffAndReplicasAreOneFinding() {
        UnaryOperator<Facts> off = f -> f.set("appendonly", "no").set("save", "");
        DoctorReport r = examine(Arrays.asList(off, off, f -> f.set("appendonly", "no"), off, off, off));
        assertEquals(List.of("2 masters (127.0.0.1:7000 127.0.0.2:7001) have persistence off (appendonly no, save "
                + "\"\") and replicas: restarted before a failover, a master comes back empty and its replicas resync "
                + "to empty."), messages(r, DoctorKind.PERSISTENCE_OFF));
        assertEquals(List.of(A, B), r.of(DoctorKind.PERSISTENCE_OFF).get(0).nodes());
        // Replicas' persistence is not the danger; a master without replicas has none to empty.
        List<NodeFacts> lonely = List.of(off.apply(Facts.master(A, "127.0.0.1:7000", 16384)).build());
        assertTrue(Doctor.examine(new DoctorInput(new HostAndPort("127.0.0.1", 7000), lonely, MB, false))
                .of(DoctorKind.PERSISTENCE_OFF).isEmpty());
    }

    @Test
    void aMasterAboveEightyPercentOfMaxmemory() {
        DoctorReport r = examine(Arrays.asList(f -> f.memory(850 * 1024 * 1024L, 1000 * 1024 * 1024L),
                f -> f.memory(800, 1000)));
        assertEquals(List.of("Master 127.0.0.1:7000 (aaaaaaaa) uses 85% of its maxmemory (850.0 MB of 1000.0 MB)."),
                messages(r, DoctorKind.MEMORY_HIGH));
    }

    @Test
    void aReplicaWhoseMaxmemoryIsBelowItsMastersUse() {
        DoctorReport r = examine(Arrays.asList(f -> f.memory(300 * 1024 * 1024L, 0), null, null,
                f -> f.memory(1_000_000, 200 * 1024 * 1024L), f -> f.memory(1_000_000, 2_000_000)));
        assertEquals(List.of("Replica 127.0.0.2:7003 (dddddddd) has maxmemory 200.0 MB, below the 300.0 MB its "
                + "master 127.0.0.1:7000 (aaaaaaaa) uses: promoted, it evicts or refuses writes at once."),
                messages(r, DoctorKind.REPLICA_MAXMEMORY_LOW));
    }

    @Test
    void aLaggingReplicaListedByTheAddressItConnectedFromIsStillNamed() {
        // Masters list a replica by the ip its connection came from: another alias of its host here.
        DoctorReport r = examine(Arrays.asList(null, null,
                c -> Facts.master(C, "127.0.0.3:7002", 5461).seen("10.1.1.1:7005", "online", 12), null, null));
        assertEquals(List.of("Replica 127.0.0.1:7005 (ffffffff) of 127.0.0.3:7002 (cccccccc) has not acknowledged "
                + "for 12 s."), messages(r, DoctorKind.REPLICA_LAGGING));
        assertEquals(List.of(RC), r.of(DoctorKind.REPLICA_LAGGING).get(0).nodes());
    }

    @Test
    void replicaLinksDownSyncingAndLagging() {
        DoctorReport r = examine(Arrays.asList(f -> f.seen("127.0.0.9:1", "online", 9), f -> f.seen("127.0.0.9:2",
                "wait_bgsave", 30), c -> Facts.master(C, "127.0.0.3:7002", 5461).seen("127.0.0.1:7005", "online", 12),
                f -> f.link(new ReplicaLink(false, false, 42)), f -> f.link(new ReplicaLink(false, true, 3))));
        assertEquals(List.of("Replica 127.0.0.2:7003 (dddddddd)'s link to its master 127.0.0.1:7000 (aaaaaaaa) is down "
                + "(for 42 s).", "Replica 127.0.0.3:7004 (eeeeeeee)'s link to its master 127.0.0.2:7001 (bbbbbbbb) is "
                + "down (a full sync is under way)."), messages(r, DoctorKind.REPLICA_LINK_DOWN));
        assertEquals(List.of("Replica 127.0.0.1:7005 (ffffffff) of 127.0.0.3:7002 (cccccccc) has not acknowledged "
                + "for 12 s."), messages(r, DoctorKind.REPLICA_LAGGING));
        assertEquals(List.of(RC), r.of(DoctorKind.REPLICA_LAGGING).get(0).nodes());
        assertEquals(2, r.of(DoctorKind.MASTER_WITHOUT_REPLICA).size(), "a linkless replica does not count");
    }

    @Test
    void aReplicaOnItsMastersHost() {
        List<NodeFacts> nodes = List.of(a().build(), Facts.replica(RA, "127.0.0.1:7003", A).build());
        DoctorReport r = Doctor.examine(new DoctorInput(new HostAndPort("127.0.0.1", 7000), nodes, MB, false));
        assertEquals(List.of("Replica 127.0.0.1:7003 (dddddddd) runs on the same host as its master 127.0.0.1:7000 "
                + "(aaaaaaaa): one host failure loses both."), messages(r, DoctorKind.REPLICA_SAME_HOST));
        assertTrue(examine(Arrays.asList()).of(DoctorKind.REPLICA_SAME_HOST).isEmpty());
    }

    @Test
    void mixedVersionsNameEachVersionsNodes() {
        DoctorReport r = examine(Arrays.asList(null, null, null, f -> f.version("6.2.11"), f -> f.version("6.2.11")));
        assertEquals(List.of("Server versions differ: 7.0.15 on 4 nodes (127.0.0.1:7000,7005 127.0.0.2:7001 "
                + "127.0.0.3:7002), 6.2.11 on 2 nodes (127.0.0.2:7003 127.0.0.3:7004)."),
                messages(r, DoctorKind.MIXED_VERSIONS));
    }

    @Test
    void bigKeysThatBlockTooLongOrExceedLimits() {
        SampledKey big = new SampledKey("big", 2 * 1024 * 1024, 866);
        SampledKey small = new SampledKey("small", 700 * 1024, 867);
        // 1 MB/s and a 3000 ms timeout: 2 MB blocks 2000 ms (more than 1500), 700 KB 684 ms.
        DoctorReport r = examine(Arrays.asList(f -> f.keys(1000, false, small, big).set("cluster-node-timeout", "3000"),
                f -> f.set("cluster-node-timeout", "3000").set("proto-max-bulk-len", "1048576"),
                f -> f.set("cluster-node-timeout", "3000").set(Settings.OUTPUT_BUFFER_LIMIT,
                        "normal 0 0 0 slave 1048576 1048576 60 pubsub 0 0 0"),
                f -> f.set("cluster-node-timeout", "3000"), f -> f.set("cluster-node-timeout", "3000"),
                f -> f.set("cluster-node-timeout", "3000")), MB);
        assertEquals(List.of("Key 'big' (2.0 MB, slot 866) on 127.0.0.1:7000: moving it would block its master about "
                + "2000 ms, more than half the cluster-node-timeout (3000 ms)."), messages(r, DoctorKind.BIG_KEY_BLOCKS));
        assertEquals(List.of("Key 'big' (2.0 MB, slot 866) on 127.0.0.1:7000 is larger than proto-max-bulk-len "
                + "(1.0 MB) on 127.0.0.2:7001: MIGRATE to them fails."), messages(r, DoctorKind.BIG_KEY_OVER_BULK_LIMIT));
        assertEquals(List.of("Key 'big' (2.0 MB, slot 866) on 127.0.0.1:7000 is larger than the replica output-buffer "
                + "hard limit (1.0 MB) of 127.0.0.3:7002: moved there, it disconnects their replicas, which then resync "
                + "in full."), messages(r, DoctorKind.BIG_KEY_OVER_REPLICA_BUFFER));
        assertEquals(List.of("Sized a sample of 1000 keys on 3 masters; the largest: Key 'big' (2.0 MB, slot 866) on "
                + "127.0.0.1:7000."), messages(r, DoctorKind.KEYS_SAMPLED));
        // The same keys at 20 MB/s under the default limits: nothing to say.
        DoctorReport fast = examine(Arrays.asList(f -> f.keys(1000, true, small, big), f -> f.keys(0, true),
                f -> f.keys(0, true)));
        assertEquals(List.of(), problemKinds(fast));
        assertEquals(List.of("Sized every key (1000) on 3 masters; the largest: Key 'big' (2.0 MB, slot 866) on "
                + "127.0.0.1:7000."), messages(fast, DoctorKind.KEYS_SAMPLED));
    }

    @Test
    void permissionsNameTheOperationsAndTheMissingCommands() {
        UnaryOperator<Facts> ro = f -> f.acl("ro", "CLUSTER SETSLOT", "MIGRATE", "RESTORE-ASKING", "CLUSTER FAILOVER",
                "CLUSTER ADDSLOTS", "CLUSTER DELSLOTS", "CLUSTER BUMPEPOCH", "CLUSTER MEET", "CLUSTER REPLICATE",
                "CLUSTER FORGET", "CLUSTER RESET", "SYNC", "MULTI", "EXEC", "RESTORE", "CONFIG SET");
        DoctorReport r = examine(Arrays.asList(ro, ro, ro, ro, ro, ro));
        List<String> missing = messages(r, DoctorKind.PERMISSION_MISSING);
        assertEquals("User 'ro' may not run reshard/rebalance: no permission for CLUSTER SETSLOT, MIGRATE, "
                + "RESTORE-ASKING on 6 nodes (127.0.0.1:7000,7005 127.0.0.2:7001,7003 127.0.0.3:7002,7004).",
                missing.get(0));
        assertEquals(7, missing.size(), missing.toString());
        assertEquals("Grant them on every node (ACL SETUSER ro +cluster|setslot +migrate +restore-asking, then ACL SAVE"
                + " or CONFIG REWRITE), or run it as another user.", r.of(DoctorKind.PERMISSION_MISSING).get(0).advice());
        assertEquals(List.of("User 'ro' may run check (ACL DRYRUN on 6 nodes (127.0.0.1:7000,7005 127.0.0.2:7001,7003 "
                + "127.0.0.3:7002,7004))."), messages(r, DoctorKind.PERMISSIONS_ALLOWED));

        // Rules differ per node: only the node that lacks a command is named.
        DoctorReport one = examine(Arrays.asList(null, f -> f.acl("default", "SYNC")));
        assertEquals(List.of("User 'default' may not run backup: no permission for SYNC on 127.0.0.2:7001."),
                messages(one, DoctorKind.PERMISSION_MISSING));
    }

    @Test
    void permissionsNotCheckedAreSaidOnce() {
        UnaryOperator<Facts> old = f -> f.version("6.2.11").aclUnchecked("default", AclResult.Status.UNSUPPORTED,
                "the server has no ACL DRYRUN");
        DoctorReport r = examine(Arrays.asList(null, null, null, old, old));
        assertEquals(List.of("Permissions of user 'default' not checked on 2 nodes (127.0.0.2:7003 127.0.0.3:7004): "
                + "the server has no ACL DRYRUN."), messages(r, DoctorKind.PERMISSIONS_UNCHECKED));
        assertEquals(Severity.INFO, r.of(DoctorKind.PERMISSIONS_UNCHECKED).get(0).severity());
    }

    @Test
    void manyFindingsOfOneKindAreCappedWithOneLineForTheRest() {
        List<NodeFacts> nodes = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            String id = String.format("%040x", i + 1);
            nodes.add(Facts.unreachableMaster(id, "127.0.0.1:" + (7000 + i), 0));
        }
        nodes.add(0, Facts.master(A, "127.0.0.2:7000", 16384).build());
        DoctorReport r = Doctor.examine(new DoctorInput(new HostAndPort("127.0.0.2", 7000), nodes, MB, false));
        assertEquals(Doctor.MAX_PER_KIND, r.of(DoctorKind.NODE_UNREACHABLE).size());
        assertEquals(List.of("... and 4 more node unreachable findings on 4 nodes (127.0.0.1:7010-7013) (--json lists "
                + "them all)."), messages(r, DoctorKind.MORE));
        assertEquals(Severity.ERROR, r.of(DoctorKind.MORE).get(0).severity());
    }
}
