package dev.trib.planner.alloc;

import dev.trib.planner.topology.HostAndPort;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class NodeSpecTest {
    @Test
    void equalByAddressAndHost() {
        NodeSpec a = new NodeSpec(new HostAndPort("10.0.0.1", 7000), "rack-a");
        NodeSpec same = new NodeSpec(new HostAndPort("10.0.0.1", 7000), "rack-a");
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, new NodeSpec(new HostAndPort("10.0.0.1", 7000), "rack-b"));
        assertNotEquals(a, new NodeSpec(new HostAndPort("10.0.0.1", 7001), "rack-a"));
        assertEquals(2, new HashSet<>(List.of(a, same, NodeSpec.parse("10.0.0.1:7000"))).size());
    }
}
