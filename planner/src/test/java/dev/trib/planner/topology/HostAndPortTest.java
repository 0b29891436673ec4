package dev.trib.planner.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostAndPortTest {

    @Test
    void parsesHostAndPort() {
        assertEquals(new HostAndPort("127.0.0.1", 7000), HostAndPort.parse("127.0.0.1:7000"));
        assertEquals(new HostAndPort("redis-1.example.com", 6379), HostAndPort.parse("redis-1.example.com:6379"));
    }

    @Test
    void acceptsTheWholePortRangeAndSurroundingBlanks() {
        assertEquals(1, HostAndPort.parse("h:1").port());
        assertEquals(65535, HostAndPort.parse("h:65535").port());
        assertEquals(new HostAndPort("10.0.0.1", 7000), HostAndPort.parse("  10.0.0.1:7000 "));
    }

    @Test
    void parsesBracketedIpv6() {
        HostAndPort a = HostAndPort.parse("[::1]:7000");
        assertEquals("::1", a.host());
        assertEquals(7000, a.port());
        assertTrue(a.isIpv6());
    }

    @Test
    void splitsBareIpv6AtTheLastColon() {
        assertEquals(new HostAndPort("::1", 31010), HostAndPort.parse("::1:31010"));
        assertEquals(new HostAndPort("fe80::1:2", 6379), HostAndPort.parse("fe80::1:2:6379"));
    }

    @Test
    void printsIpv6InBracketsSoItParsesBack() {
        HostAndPort a = HostAndPort.parse("::1:31010");
        assertEquals("[::1]:31010", a.toString());
        assertEquals(a, HostAndPort.parse(a.toString()));
        assertEquals("127.0.0.1:7000", HostAndPort.parse("127.0.0.1:7000").toString());
        assertFalse(HostAndPort.parse("127.0.0.1:7000").isIpv6());
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"", "   ", "host", "host:", ":80", "host:0", "host:70000", "host:abc", "[::1]80",
            "[::1]", "[::1]:", "[]:80", "host:+80", "host:-1", "host: 80", "ho st:80", "::1]:80", "host:٨٠",
            "host:99999999999"})
    void rejectsMalformedAddresses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse(text));
        if (!text.isBlank()) {
            assertTrue(e.getMessage().contains(text.trim()), e.getMessage());
        }
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse(null));
    }

    @Test
    void constructorChecksPortAndHost() {
        assertThrows(IllegalArgumentException.class, () -> new HostAndPort("h", 0));
        assertThrows(IllegalArgumentException.class, () -> new HostAndPort("h", 65536));
        assertThrows(IllegalArgumentException.class, () -> new HostAndPort("", 80));
        assertThrows(NullPointerException.class, () -> new HostAndPort(null, 80));
    }

    @Test
    void equalByHostAndPortAsAMapKey() {
        HostAndPort a = HostAndPort.parse("10.0.0.1:7000");
        assertEquals(a, new HostAndPort("10.0.0.1", 7000));
        assertEquals(a.hashCode(), new HostAndPort("10.0.0.1", 7000).hashCode());
        assertNotEquals(a, new HostAndPort("10.0.0.1", 7001));
        assertNotEquals(a, new HostAndPort("10.0.0.2", 7000));
        assertNotEquals(a, "10.0.0.1:7000");
        assertEquals(HostAndPort.parse("[::1]:7000"), new HostAndPort("::1", 7000));
        java.util.Set<HostAndPort> seen = new java.util.HashSet<>(
                java.util.List.of(a, new HostAndPort("10.0.0.1", 7000), new HostAndPort("10.0.0.1", 7001)));
        assertEquals(2, seen.size());
    }
}
