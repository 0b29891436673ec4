package dev.trib.commands.exec;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
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
}
