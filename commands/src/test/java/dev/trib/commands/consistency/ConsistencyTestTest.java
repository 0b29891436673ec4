package dev.trib.commands.consistency;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker's arithmetic against counters held in memory, misbehaving on purpose. */
class ConsistencyTestTest {

    /** Counters in a map; {@code tamper} runs after INCR number {@code tamperAt}; every {@code failEvery}-th fails. */
    private static final class MapCounters implements Counters {
        final Map<String, Long> values = new HashMap<>();
        int incrs;
        int failEvery;
        Runnable tamper = () -> { };
        int tamperAt = -1;

        @Override
        public String get(String key) {
            Long v = values.get(key);
            return v == null ? null : Long.toString(v);
        }

        @Override
        public long incr(String key) {
            incrs++;
            if (failEvery > 0 && incrs % failEvery == 0) {
                throw new IllegalStateException("timed out");
            }
            long v = values.merge(key, 1L, Long::sum);
            if (incrs == tamperAt) {
                tamper.run();
            }
            return v;
        }

        @Override
        public void close() {
        }
    }

    /** Runs the checker on one counter until {@code ops} INCRs were attempted. */
    private static ConsistencyTest.Stats run(MapCounters counters, int ops, List<String> anomalies) {
        ConsistencyTest[] stopper = new ConsistencyTest[1];
        ConsistencyTest test = new ConsistencyTest(new Counters() {
            @Override
            public String get(String key) {
                return counters.get(key);
            }

            @Override
            public long incr(String key) {
                try {
                    return counters.incr(key);
                } finally {
                    if (counters.incrs >= ops) {
                        stopper[0].stop();
                    }
                }
            }

            @Override
            public void close() {
            }
        });
        stopper[0] = test;
        return test.run(new ConsistencyTest.Options(1, "k", Duration.ZERO, 0, 1), new ConsistencyTest.Listener() {
            @Override
            public void status(ConsistencyTest.Stats stats) {
            }

            @Override
            public void anomaly(String message) {
                anomalies.add(message);
            }
        });
    }

    @Test
    void countersThatKeepEveryWriteAreConsistent() {
        List<String> anomalies = new ArrayList<>();
        ConsistencyTest.Stats stats = run(new MapCounters(), 100, anomalies);
        assertEquals(new ConsistencyTest.Stats(100, 0, 100, 0, 0, 0), stats);
        assertTrue(stats.consistent());
        assertEquals(List.of(), anomalies);
    }

    @Test
    void aCounterResetMidRunIsReportedLost() {
        MapCounters counters = new MapCounters();
        counters.tamperAt = 50;
        counters.tamper = () -> counters.values.put("k0", 0L);
        List<String> anomalies = new ArrayList<>();
        ConsistencyTest.Stats stats = run(counters, 100, anomalies);
        assertEquals(50, stats.lost());
        assertEquals(List.of("Lost 50 write(s) on k0: read 0, last acknowledged INCR returned 50"), anomalies);
    }

    @Test
    void aWriteNobodyAcknowledgedIsReportedUnexpected() {
        MapCounters counters = new MapCounters();
        counters.tamperAt = 10;
        counters.tamper = () -> counters.values.merge("k0", 3L, Long::sum);
        List<String> anomalies = new ArrayList<>();
        ConsistencyTest.Stats stats = run(counters, 20, anomalies);
        assertEquals(3, stats.unexpected());
        assertEquals(0, stats.lost());
        assertEquals(1, anomalies.size(), anomalies.toString());
    }

    @Test
    void aFailedWriteIsCountedAndItsCounterTakesANewBaseline() {
        MapCounters counters = new MapCounters();
        counters.failEvery = 4;
        List<String> anomalies = new ArrayList<>();
        ConsistencyTest.Stats stats = run(counters, 40, anomalies);
        assertEquals(10, stats.writeErrors());
        assertEquals(30, stats.writes());
        assertTrue(stats.consistent(), anomalies.toString());
    }
}
