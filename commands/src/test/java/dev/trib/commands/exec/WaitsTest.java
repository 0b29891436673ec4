package dev.trib.commands.exec;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitsTest {

    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Waits.until(Duration.ofSeconds(30), Duration.ofMillis(1),
                () -> polls.incrementAndGet() < 3 ? Optional.of("not yet") : Optional.empty());
        assertEquals(3, polls.get());
    }

    @Test
    void aConditionAlreadyTrueIsAskedOnce() {
        AtomicInteger polls = new AtomicInteger();
        Waits.until(Duration.ZERO, () -> {
            polls.incrementAndGet();
            return Optional.empty();
        });
        assertEquals(1, polls.get());
    }

    @Test
    void aTimeoutSaysWhatWasStillMissingLastTime() {
        AtomicInteger polls = new AtomicInteger();
        Waits.WaitTimeoutException e = assertThrows(Waits.WaitTimeoutException.class, () -> Waits.until(
                Duration.ofMillis(50), Duration.ofMillis(5), () -> Optional.of("node " + polls.incrementAndGet()
                        + " disagrees")));
        assertTrue(e.getMessage().startsWith("Gave up after 50 ms: node "), e.getMessage());
        assertTrue(e.getMessage().endsWith("node " + polls.get() + " disagrees"), e.getMessage());
        assertTrue(polls.get() >= 2);
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() {
        Thread.currentThread().interrupt();
        try {
            Waits.WaitTimeoutException e = assertThrows(Waits.WaitTimeoutException.class, () -> Waits.until(
                    Duration.ofSeconds(30), () -> Optional.of("slot 7 open")));
            assertTrue(e.getMessage().contains("interrupted while waiting: slot 7 open"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void eachItemIsPolledOnItsOwnClockAndNotAgainOnceDone() {
        Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
        List<String> finished = new CopyOnWriteArrayList<>();
        Waits.untilEach(List.of("slow", "quick", "ready"), Duration.ofSeconds(30), Duration.ofMillis(5), "not yet",
                item -> {
                    int n = polls.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
                    if (item.equals("slow")) {
                        sleep(300); // each answer takes 300 ms: it must not hold the others back
                    }
                    boolean ready = switch (item) {
                        case "slow" -> n == 2;
                        case "quick" -> n == 6;
                        default -> true;
                    };
                    if (ready) {
                        finished.add(item);
                        return Optional.empty();
                    }
                    return Optional.of(item + " not yet");
                });
        assertEquals(List.of("ready", "quick", "slow"), finished);
        assertEquals(2, polls.get("slow").get());
        assertEquals(6, polls.get("quick").get());
        assertEquals(1, polls.get("ready").get());
    }

    @Test
    void aTimeoutOfEachSaysHowManyAreMissingWhat() {
        Waits.WaitTimeoutException e = assertThrows(Waits.WaitTimeoutException.class, () -> Waits.untilEach(
                List.of("a", "b", "c", "d", "e"), Duration.ofMillis(60), Duration.ofMillis(5), "nodes lag",
                item -> item.equals("b") ? Optional.empty() : Optional.of(item + " lags")));
        assertEquals("Gave up after 60 ms: 4 of 5 nodes lag: a lags; c lags; d lags", e.getMessage());
    }

    @Test
    void aFailingPollEndsTheWaitOfEachWithItsException() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Waits.untilEach(
                List.of(1, 2, 3), Duration.ofSeconds(30), Duration.ofMillis(5), "pending", item -> {
                    if (item == 2) {
                        throw new IllegalStateException("node 2 refused");
                    }
                    return Optional.of("pending");
                }));
        assertEquals("node 2 refused", e.getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
