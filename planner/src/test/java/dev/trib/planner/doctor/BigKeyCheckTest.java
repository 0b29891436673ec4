package dev.trib.planner.doctor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The keys of a plan that would block their master too long, from literal sizes. */
class BigKeyCheckTest {
    private static final long MB = 1024 * 1024;

    private static BigKeyCheck.BigKey key(String name, long bytes) {
        return new BigKeyCheck.BigKey(new SampledKey(name, bytes, 100), "127.0.0.1:7000 (aaaaaaaa)",
                BigKeyCheck.moveMillis(bytes, 20 * MB));
    }

    @Test
    void keysAboveHalfTheTimeoutLargestFirst() {
        List<BigKeyCheck.BigKey> big = BigKeyCheck.blocking(List.of(key("small", 20 * MB), key("big", 40 * MB),
                key("huge", 80 * MB)), 3000);
        assertEquals(List.of("huge", "big"), big.stream().map(k -> k.key().name()).toList());
        assertEquals(2000, big.get(1).moveMillis(), "40 MB at 20 MB/s");
        assertEquals("Key 'huge' (80.0 MB, slot 100) on 127.0.0.1:7000 (aaaaaaaa): moving it would block about "
                + "4000 ms (and 1 more key above it), more than half the cluster-node-timeout (3000 ms): nothing was "
                + "moved. Split it, raise the node timeout for the move (trib set-timeout), or pass --allow-big-keys.",
                BigKeyCheck.refusal(big, 3000));
        assertEquals(List.of(), BigKeyCheck.blocking(List.of(key("big", 40 * MB)), 15000));
    }
}
