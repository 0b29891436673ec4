package dev.trib.commands.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one blocking call per node, many at the same time: a cluster of 30 costs one round trip, not 30. At most
 * {@link #WIDTH} calls of one map run at once, so 250 nodes take 32 threads, not 250 (each with its stack and
 * socket buffers): on a loopback round trip of 0.1 ms, more threads only queue for the same cores.
 */
public final class Parallel {
    /** Calls of one map in flight at once; nested maps (a call that maps again) get their own. */
    static final int WIDTH = 32;

    // One pool for the whole run: waits poll every few milliseconds and must not create threads each time.
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trib-parallel");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** The outcome of one call: a value or the exception it threw. */
    public record Outcome<T, R>(T input, R value, RuntimeException error) {
        public boolean ok() {
            return error == null;
        }

        public R get() {
            if (error != null) {
                throw error;
            }
            return value;
        }
    }

    /** Applies fn to every item concurrently; results keep the items' order. */
    public static <T, R> List<Outcome<T, R>> map(List<T> items, Function<T, R> fn) {
        if (items.size() <= 1) {
            List<Outcome<T, R>> out = new ArrayList<>();
            for (T t : items) {
                out.add(call(t, fn));
            }
            return out;
        }
        int workers = Math.min(WIDTH, items.size());
        @SuppressWarnings("unchecked")
        Outcome<T, R>[] out = new Outcome[items.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                out[i] = call(items.get(i), fn);
            }
        };
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 1; w < workers; w++) {
                futures.add(POOL.submit(worker));
            }
            worker.run(); // the caller is a worker too
            for (Future<?> f : futures) {
                f.get();
            }
            return List.of(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Like {@link #map} but throws the first failure, for steps that must succeed on every node. */
    public static <T, R> List<R> mapAll(List<T> items, Function<T, R> fn) {
        List<R> values = new ArrayList<>();
        for (Outcome<T, R> o : map(items, fn)) {
            values.add(o.get());
        }
        return values;
    }

    /** Runs action on every item concurrently; throws the first failure. */
    public static <T> void forEach(List<T> items, java.util.function.Consumer<T> action) {
        mapAll(items, t -> {
            action.accept(t);
            return Boolean.TRUE;
        });
    }

    private static <T, R> Outcome<T, R> call(T t, Function<T, R> fn) {
        try {
            return new Outcome<>(t, fn.apply(t), null);
        } catch (RuntimeException e) {
            return new Outcome<>(t, null, e);
        }
    }
}
