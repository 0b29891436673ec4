package dev.trib.planner.doctor;

import dev.trib.planner.topology.HostAndPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces doctor's messages are made of: node lists, sizes, settings parsing, the operations table. */
class DoctorPartsTest {

    private static List<HostAndPort> addresses(String... a) {
        return List.of(a).stream().map(HostAndPort::parse).toList();
    }

    @Test
    void nodeListsGroupPortsByHostAsRanges() {
        assertEquals("127.0.0.1:7000-7002,7005 127.0.0.2:7001", NodeList.describe(addresses("127.0.0.2:7001",
                "127.0.0.1:7001", "127.0.0.1:7000", "127.0.0.1:7005", "127.0.0.1:7002")));
        assertEquals("[::1]:7000", NodeList.describe(addresses("[::1]:7000")));
        assertEquals("127.0.0.1:7000", NodeList.counted(addresses("127.0.0.1:7000")));
        assertEquals("2 nodes (127.0.0.1:7000-7001)", NodeList.counted(addresses("127.0.0.1:7000", "127.0.0.1:7001")));
    }

    @Test
    void twoHundredFiftyNodesOnFiftyHostsStayOneShortLine() {
        List<HostAndPort> many = new ArrayList<>();
        for (int h = 1; h <= 50; h++) {
            for (int p = 0; p < 5; p++) {
                many.add(new HostAndPort("10.0.0." + h, 7000 + p));
            }
        }
        String text = NodeList.counted(many);
        assertTrue(text.startsWith("250 nodes (10.0.0.1:7000-7004 10.0.0.10:7000-7004 "), text);
        assertTrue(text.endsWith(" and 220 more)"), text);
        assertTrue(text.length() < 150, text);
    }

    /** Property: every port given appears in the description exactly as a member of one run, whatever the order. */
    @Test
    void rangesCoverExactlyThePortsGiven() {
        Random random = new Random(18);
        for (int round = 0; round < 200; round++) {
            HashSet<Integer> ports = new HashSet<>();
            int n = 1 + random.nextInt(40);
            while (ports.size() < n) {
                ports.add(7000 + random.nextInt(60));
            }
            List<HostAndPort> list = new ArrayList<>(ports.stream().map(p -> new HostAndPort("h", p)).toList());
            java.util.Collections.shuffle(list, random);
            String text = NodeList.describe(list);
            HashSet<Integer> back = new HashSet<>();
            for (String run : text.substring(2).split(",")) {
                String[] ends = run.split("-");
                int from = Integer.parseInt(ends[0]);
                int to = Integer.parseInt(ends[ends.length - 1]);
                assertTrue(from <= to, text);
                for (int p = from; p <= to; p++) {
                    assertTrue(back.add(p), "no port twice: " + text);
                }
            }
            assertEquals(ports, back, text);
        }
    }

    @Test
    void sizesAndDurations() {
        assertEquals("512 B", Sizes.bytes(512));
        assertEquals("1.5 KB", Sizes.bytes(1536));
        assertEquals("112.0 MB", Sizes.bytes(112L * 1024 * 1024));
        assertEquals("2.0 GB", Sizes.bytes(2L * 1024 * 1024 * 1024));
        assertEquals("850 ms", Sizes.millis(850));
        assertEquals("12.3 s", Sizes.millis(12_345));
    }

    @Test
    void theReplicaClassOfTheOutputBufferLimit() {
        assertEquals(Optional.of("replica 268435456 67108864 60"), Settings.replicaClass(
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
        assertEquals(Optional.of("replica 1 2 3"), Settings.replicaClass("replica 1 2 3"));
        assertEquals(Optional.empty(), Settings.replicaClass("normal 0 0 0"));
    }

    @Test
    void everyOperationNeedsChecksReadsAndProbesHaveOneNameEach() {
        for (TribOperation op : TribOperation.values()) {
            assertEquals(List.of("CLUSTER NODES", "CLUSTER INFO", "DBSIZE", "INFO"),
                    op.probes().subList(0, 4).stream().map(Probe::name).toList(), op.title());
        }
        List<String> names = TribOperation.allProbes().stream().map(Probe::name).toList();
        assertEquals(new HashSet<>(names).size(), names.size(), names.toString());
        assertTrue(names.containsAll(List.of("CLUSTER SETSLOT", "MIGRATE", "RESTORE-ASKING", "CLUSTER FAILOVER",
                "CLUSTER MEET", "CLUSTER FORGET", "SYNC", "CONFIG GET")), names.toString());
        assertEquals("+cluster|setslot", PermissionFindings.grant("CLUSTER SETSLOT"));
    }
}
