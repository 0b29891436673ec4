package dev.trib.node.keyspace;

import static dev.trib.node.support.Resp.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeySlotTest {
    @Test
    void crc16IsXmodem() {
        assertEquals(0x31C3, KeySlot.crc16(latin1("123456789"), 0, 9));
    }

    @Test
    void slotsMatchRedisCluster() {
        assertEquals(12182, KeySlot.of(latin1("foo")));
        assertEquals(5061, KeySlot.of(latin1("bar")));
        assertEquals(KeySlot.of(latin1("user1000")), KeySlot.of(latin1("{user1000}.following")));
        assertEquals(KeySlot.of(latin1("user1000")), KeySlot.of(latin1("{user1000}.followers")));
    }

    @Test
    void hashTagRules() {
        assertEquals(KeySlot.of(latin1("foo{}{bar}")), KeySlot.crc16(latin1("foo{}{bar}"), 0, 10) & 16383,
                "an empty tag means the whole key");
        assertEquals(KeySlot.of(latin1("{bar")), KeySlot.of(latin1("foo{{bar}}zap")), "the tag is '{bar'");
        assertEquals(KeySlot.of(latin1("bar")), KeySlot.of(latin1("foo{bar}{zap}")), "only the first tag counts");
        assertEquals(KeySlot.crc16(latin1("foo{bar"), 0, 7) & 16383, KeySlot.of(latin1("foo{bar")));
    }
}
