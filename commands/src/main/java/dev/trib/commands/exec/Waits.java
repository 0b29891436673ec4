package dev.trib.commands.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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

    /**
     * How often {@link #untilEach} polls each of so many items: the more there are, the more polls run at a time,
     * so each item's clock slows with their number (10 to 250 ms).
     */
    public static Duration eachInterval(int items) {
        return Duration.ofMillis(Math.max(10, Math.min(250, items)));
    }

    /**
     * Polls each item on a clock of its own until each is done. An item slow to answer (a node busy in the gossip
     * that follows a large join answers in seconds, not milliseconds) delays only itself: in rounds over all items,
     * every round would last as long as its slowest answer. At most {@link Parallel#WIDTH} polls run at once; an
     * item found done is not polled again; a poll that throws ends the wait with its exception. When time runs
     * out the message says how many items are still missing what, with three examples.
     *
     * @param what the end of "K of N ...", e.g. "nodes have not joined yet"
     */
    public static <T> void untilEach(List<T> items, Duration timeout, Duration interval, String what,
                                     Function<T, Optional<String>> stillMissing) {
        if (items.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        DelayQueue<Due> queue = new DelayQueue<>();
        for (int i = 0; i < items.size(); i++) {
            queue.add(new Due(i, System.nanoTime()));
        }
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ConcurrentHashMap<Integer, String> missing = new ConcurrentHashMap<>();
        Runnable worker = () -> {
            while (done.get() < items.size() && failure.get() == null && !Thread.currentThread().isInterrupted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Due due;
                try {
                    // Short, so a worker notices within 50 ms that the others finished the last items.
                    due = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (due == null) {
                    continue;
                }
                Optional<String> still;
                try {
                    still = stillMissing.apply(items.get(due.index()));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    return;
                }
                if (still.isEmpty()) {
                    missing.remove(due.index());
                    done.incrementAndGet();
                } else {
                    missing.put(due.index(), still.get());
                    queue.add(new Due(due.index(), System.nanoTime() + interval.toNanos()));
                }
            }
        };
        boolean interrupted = Thread.currentThread().isInterrupted();
        if (!interrupted) {
            Parallel.forEach(java.util.stream.IntStream.range(0, Math.min(Parallel.WIDTH, items.size())).boxed()
                    .toList(), w -> worker.run());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (done.get() == items.size()) {
            return;
        }
        List<String> examples = new ArrayList<>();
        missing.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).limit(3)
                .forEach(e -> examples.add(e.getValue()));
        String summary = (items.size() - done.get()) + " of " + items.size() + " " + what
                + (examples.isEmpty() ? "" : ": " + String.join("; ", examples));
        if (interrupted || Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
            throw new WaitTimeoutException(timeout, "interrupted while waiting: " + summary);
        }
        throw new WaitTimeoutException(timeout, summary);
    }

    /** An item's next poll: due at a point on System.nanoTime()'s clock. */
    private record Due(int index, long at) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(at, ((Due) o).at);
        }
    }

    /** Time ran out; the message says what was still missing. */
    public static class WaitTimeoutException extends RuntimeException {
        public WaitTimeoutException(Duration timeout, String missing) {
            super("Gave up after " + timeout.toMillis() + " ms: " + missing);
        }
    }
}
