package dev.trib.cli.command;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or a TERM) during a run that changes the cluster: instead of dying mid-step, the JVM's shutdown waits
 * while the run is told to stop at its next safe point (a migration closes its round, a fix ends its repair in
 * flight, a join completes), says what state it left and returns {@link dev.trib.cli.ExitCodes#INTERRUPTED}.
 * The JVM then exits with 130 as for any Ctrl-C; in-process callers see the same code returned.
 */
public final class Interruption implements AutoCloseable {
    /** How long Ctrl-C waits for the run to reach a safe point before the JVM goes anyway. */
    private static final long GRACE_MINUTES = 10;
    private static final List<Interruption> ACTIVE = new CopyOnWriteArrayList<>();
    /** Interrupted runs that returned: their hooks hold the JVM until the command's last line is out. */
    private static final List<Interruption> RETURNED = new CopyOnWriteArrayList<>();

    private final Runnable stop;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean interrupted;

    private Interruption(Runnable stop) {
        this.stop = stop;
        this.hook = new Thread(() -> {
            fire();
            try {
                finished.await(GRACE_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "trib-ctrl-c");
    }

    /** From now until {@link #close}, Ctrl-C runs {@code stop} and waits for the run to return. */
    static Interruption onCtrlC(Runnable stop) {
        Interruption i = new Interruption(stop);
        Runtime.getRuntime().addShutdownHook(i.hook);
        ACTIVE.add(i);
        return i;
    }

    /** What Ctrl-C does, without the JVM's shutdown: for tests that drive an in-process run. */
    static void ctrlC() {
        ACTIVE.forEach(Interruption::fire);
    }

    /** Whether a run is between {@link #onCtrlC} and {@link #close}: for tests that interrupt one. */
    static boolean anyActive() {
        return !ACTIVE.isEmpty();
    }

    private void fire() {
        interrupted = true;
        stop.run();
    }

    boolean interrupted() {
        return interrupted;
    }

    /**
     * Lets the JVM finish exiting after a Ctrl-C: called by Main once the command has returned and its output
     * (the "Interrupted ..." line, printed after the run's {@link #close}) is flushed.
     */
    public static void released() {
        RETURNED.forEach(i -> i.finished.countDown());
    }

    @Override
    public void close() {
        ACTIVE.remove(this);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C arrived: the hook runs and holds the JVM until Main has printed what the run says about it.
            RETURNED.add(this);
            return;
        }
        finished.countDown();
    }
}
