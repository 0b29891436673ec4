package dev.trib.commands.exec;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls until a condition holds. The condition returns empty when satisfied, or a description of what is still
 * missing, which becomes the error when time runs out: a timeout always says what it was waiting for.
 */
public final class Waits {
    public static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private Waits() {
    }

    public static void until(Duration timeout, Supplier<Optional<String>> stillMissing) {
        until(timeout, POLL_INTERVAL, stillMissing);
    }

    /** With a poll interval of the caller's choosing: short for conditions a node reaches within one cron tick. */
    public static void until(Duration timeout, Duration interval, Supplier<Optional<String>> stillMissing) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> missing = stillMissing.get();
        while (missing.isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new WaitTimeoutException(timeout, missing.get());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitTimeoutException(timeout, "interrupted while waiting: " + missing.get());
            }
            missing = stillMissing.get();
        }
    }

    /** Time ran out; the message says what was still missing. */
    public static class WaitTimeoutException extends RuntimeException {
        public WaitTimeoutException(Duration timeout, String missing) {
            super("Gave up after " + timeout.toMillis() + " ms: " + missing);
        }
    }
}
