package dev.trib.commands.exec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {

    @Test
    void resultsKeepTheOrderOfTheItems() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        List<Parallel.Outcome<Integer, Integer>> out = Parallel.map(items, i -> {
            if (i % 7 == 0) {
                Thread.onSpinWait();
            }
            return i * i;
        });
        for (int i = 0; i < items.size(); i++) {
            assertEquals(i, out.get(i).input());
            assertEquals(i * i, out.get(i).get());
        }
    }

    @Test
    void callsReallyRunAtTheSameTime() throws InterruptedException {
        // Every call waits for all the others: only concurrent calls can finish.
        int n = 8;
        CountDownLatch all = new CountDownLatch(n);
        List<Boolean> met = Parallel.mapAll(IntStream.range(0, n).boxed().toList(), i -> {
            all.countDown();
            try {
                return all.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of(true, true, true, true, true, true, true, true), met);
    }

    @Test
    void oneFailureIsKeptBesideTheOthersResults() {
        IllegalArgumentException boom = new IllegalArgumentException("node 3 refused");
        List<Parallel.Outcome<Integer, String>> out = Parallel.map(List.of(1, 2, 3, 4), i -> {
            if (i == 3) {
                throw boom;
            }
            return "ok " + i;
        });
        assertTrue(out.get(0).ok());
        assertFalse(out.get(2).ok());
        assertSame(boom, out.get(2).error());
        assertEquals("ok 4", out.get(3).get());
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> out.get(2).get()));
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> Parallel.mapAll(List.of(1, 2, 3, 4),
                i -> {
                    if (i == 3) {
                        throw boom;
                    }
                    return i;
                })));
    }

    @Test
    void noMoreThanTheWidthRunAtOnceAndNestedMapsDoNotStarve() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<List<Integer>> nested = Parallel.mapAll(IntStream.range(0, 3 * Parallel.WIDTH).boxed().toList(), i -> {
            threads.add(Thread.currentThread());
            return Parallel.mapAll(List.of(i, i + 1), j -> j);
        });
        assertTrue(threads.size() <= Parallel.WIDTH, threads.size() + " threads");
        List<List<Integer>> expected = new ArrayList<>();
        IntStream.range(0, 3 * Parallel.WIDTH).forEach(i -> expected.add(List.of(i, i + 1)));
        assertEquals(expected, nested);
    }

    @Test
    void emptyAndSingleInputsNeedNoThreads() {
        assertEquals(List.of(), Parallel.map(List.<Integer>of(), i -> i));
        Thread caller = Thread.currentThread();
        assertSame(caller, Parallel.mapAll(List.of(1), i -> Thread.currentThread()).get(0));
    }
}
