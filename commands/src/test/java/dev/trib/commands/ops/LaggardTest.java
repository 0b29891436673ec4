package dev.trib.commands.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaggardTest {
    @Test
    void aNudgeIsDueAfterASecondBehindThenEachSecondAndANewLagStartsAfresh() throws InterruptedException {
        Laggard l = new Laggard();
        long start = System.nanoTime();
        assertFalse(l.nudgeDue(), "first seen behind");
        assertFalse(l.nudgeDue(), "still within the first second");
        while (!l.nudgeDue()) {
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "no nudge due within 5 s");
            Thread.sleep(10);
        }
        assertTrue(System.nanoTime() - start >= Laggard.NUDGE_AFTER.toNanos());
        assertFalse(l.nudgeDue(), "the clock starts again after a nudge");
        l.caughtUp();
        assertFalse(l.nudgeDue(), "behind again: a new clock");
    }
}
