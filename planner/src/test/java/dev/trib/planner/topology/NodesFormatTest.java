package dev.trib.planner.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodesFormatTest {

    /** Every captured redis-server 7.0.15 output parses and formats back to the same bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"delslots-hostname", "importing", "ipv6-handshake", "ipv6-joined",
        "open-slot-and-failed-replica"})
    void redisOutputRoundTrips(String fixture) {
        String text = NodesFixtures.text(fixture);
        assertEquals(text, NodesFormat.format(NodesParser.parse(text).nodes()));
    }

    @Test
    void writesALiteralLineWithHostnameRangesAndBothMarkers() {
        String a = "a".repeat(40);
        String b = "b".repeat(40);
        ClusterNode n = new ClusterNode(a, new NodeAddress("127.0.0.1", 7000, 17000, Optional.of("host-a")),
                EnumSet.of(NodeFlag.MASTER, NodeFlag.MYSELF), Optional.empty(), 0, 0, 3, true,
                SlotSet.parse("0-5460,6000"), Map.of(6000, b), Map.of(7000, b));
        assertEquals(a + " 127.0.0.1:7000@17000,host-a myself,master - 0 0 3 connected 0-5460 6000 [6000->-" + b
                + "] [7000-<-" + b + "]\n", NodesFormat.line(n));
        assertEquals(n, NodesParser.parseLine(NodesFormat.line(n), 1));
    }

    @Test
    void flagsFollowRedisOrderAndBusBits() {
        assertEquals("noflags", NodesFormat.flags(Set.of()));
        Set<NodeFlag> all = NodeFlag.fromBusBits(512 | 64 | 32 | 4 | 2 | 16 | 128 | 256);
        assertEquals("myself,slave,fail?,handshake,noaddr,nofailover", NodesFormat.flags(all));
        assertEquals(512 | 64 | 32 | 4 | 2 | 16, NodeFlag.busBits(all), "MEET and MIGRATE_TO are not printed flags");
    }
}
