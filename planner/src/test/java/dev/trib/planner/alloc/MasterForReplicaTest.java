package dev.trib.planner.alloc;

import dev.trib.planner.alloc.MasterForReplica.Candidate;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The master a replica follows when none is given: fewest replicas, then another host, then cluster order. */
class MasterForReplicaTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);
    private static final String E = "e".repeat(40);
    private static final String R = "d".repeat(40);

    private static NodeReport reached(String ip, int port, String selfLine) {
        return NodeReport.reached(new HostAndPort(ip, port), NodesParser.parse(selfLine + "\n"), Map.of(), 0);
    }

    @Test
    void fewestReplicasWins() {
        List<Candidate> masters = List.of(new Candidate(A, "10.0.0.1", 1), new Candidate(B, "10.0.0.2", 0),
                new Candidate(C, "10.0.0.3", 0));
        assertEquals(B, MasterForReplica.choose(masters, "10.0.0.9").orElseThrow().id());
    }

    @Test
    void amongEqualsAnotherHostThanTheReplicaWinsThenTheFirst() {
        List<Candidate> masters = List.of(new Candidate(A, "10.0.0.1", 0), new Candidate(B, "10.0.0.2", 0),
                new Candidate(C, "10.0.0.3", 0));
        assertEquals(B, MasterForReplica.choose(masters, "10.0.0.1").orElseThrow().id());
        assertEquals(A, MasterForReplica.choose(masters, "10.0.0.3").orElseThrow().id());
        // Fewer replicas beat another host.
        List<Candidate> uneven = List.of(new Candidate(A, "10.0.0.1", 0), new Candidate(B, "10.0.0.2", 1));
        assertEquals(A, MasterForReplica.choose(uneven, "10.0.0.1").orElseThrow().id());
    }

    @Test
    void aReplicaOnlyFollowsAMasterWhoseDataItsServerLoads() {
        ServerRelease v62 = new ServerRelease("6.2.11", 9);
        ServerRelease v70 = new ServerRelease("7.0.15", 10);
        List<Candidate> masters = MasterForReplica.withReleases(List.of(new Candidate(A, "10.0.0.1", 0),
                new Candidate(B, "10.0.0.2", 1), new Candidate(C, "10.0.0.3", 2)), Map.of(A, v70, B, v62, C, v62));
        // A has the fewest replicas but runs 7.0: a 6.2 replica could never sync from it.
        assertEquals(B, MasterForReplica.choose(masters, "10.0.0.9", v62).orElseThrow().id());
        assertEquals(A, MasterForReplica.choose(masters, "10.0.0.9", v70).orElseThrow().id());
        assertEquals(Optional.empty(), MasterForReplica.choose(List.of(masters.get(0)), "10.0.0.9", v62));
        assertEquals(v70, MasterForReplica.withOneMore(masters, A).get(0).release());
    }

    @Test
    void noCandidateNoChoice() {
        assertEquals(Optional.empty(), MasterForReplica.choose(List.of(), "10.0.0.1"));
    }

    @Test
    void candidatesAreReachableMastersWithSlotsCountingTheirReplicas() {
        NodeReport a = reached("127.0.0.1", 7000, A + " 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-8191");
        NodeReport b = reached("127.0.0.2", 7001,
                B + " 127.0.0.2:7001@17001 myself,master - 0 0 2 connected 8192-16383");
        NodeReport empty = reached("127.0.0.3", 7002, E + " 127.0.0.3:7002@17002 myself,master - 0 0 0 connected");
        NodeReport replica = reached("127.0.0.3", 7003, R + " 127.0.0.3:7003@17003 myself,slave " + A
                + " 0 0 1 connected");
        ClusterSnapshot s = new ClusterSnapshot(new HostAndPort("127.0.0.1", 7000), List.of(a, b, empty, replica));
        assertEquals(List.of(new Candidate(A, "127.0.0.1", 1), new Candidate(B, "127.0.0.2", 0)),
                MasterForReplica.candidates(s, Set.of()));
        // A replica that is being removed does not count; a master being removed is no candidate.
        assertEquals(List.of(new Candidate(A, "127.0.0.1", 0)), MasterForReplica.candidates(s, Set.of(R, B)));
        assertEquals(List.of(new Candidate(A, "127.0.0.1", 2), new Candidate(B, "127.0.0.2", 0)),
                MasterForReplica.withOneMore(MasterForReplica.candidates(s, Set.of()), A));
    }
}
