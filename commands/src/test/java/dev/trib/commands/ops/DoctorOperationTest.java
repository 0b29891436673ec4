package dev.trib.commands.ops;

import dev.trib.planner.doctor.ReplicaLink;
import dev.trib.planner.doctor.ReplicaSeen;
import dev.trib.planner.topology.HostAndPort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How doctor reads replication out of INFO fields, from literal Redis 7.0 INFO replication output. */
class DoctorOperationTest {

    @Test
    void aMastersReplicaLines() {
        Map<String, String> info = Map.of("role", "master", "connected_slaves", "2",
                "slave0", "ip=127.0.0.2,port=7003,state=online,offset=5412,lag=0",
                "slave1", "ip=127.0.0.3,port=7004,state=wait_bgsave,offset=0,lag=12",
                "master_repl_offset", "5412");
        assertEquals(List.of(new ReplicaSeen(new HostAndPort("127.0.0.2", 7003), "online", 5412, 0),
                new ReplicaSeen(new HostAndPort("127.0.0.3", 7004), "wait_bgsave", 0, 12)),
                DoctorOperation.replicasSeen(info));
        assertEquals(Optional.empty(), DoctorOperation.link(info), "a master has no link of its own");
    }

    @Test
    void aReplicasLinkUpDownAndSyncing() {
        assertEquals(Optional.of(new ReplicaLink(true, false, -1)), DoctorOperation.link(Map.of("role", "slave",
                "master_link_status", "up", "master_sync_in_progress", "0")));
        assertEquals(Optional.of(new ReplicaLink(false, false, 42)), DoctorOperation.link(Map.of("role", "slave",
                "master_link_status", "down", "master_sync_in_progress", "0", "master_link_down_since_seconds", "42")));
        assertEquals(Optional.of(new ReplicaLink(false, true, -1)), DoctorOperation.link(Map.of("role", "slave",
                "master_link_status", "down", "master_sync_in_progress", "1", "master_link_down_since_seconds",
                "-1")));
    }

    @Test
    void malformedReplicaLinesAreSkipped() {
        assertEquals(List.of(), DoctorOperation.replicasSeen(Map.of("slave0", "ip=127.0.0.2,port=0,state=online",
                "slave1", "nonsense")));
    }
}
