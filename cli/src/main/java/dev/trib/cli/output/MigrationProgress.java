package dev.trib.cli.output;

import dev.trib.commands.migrate.MigrationListener;
import dev.trib.planner.doctor.Sizes;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Progress of a migration: a live bar on a terminal, a line every few seconds otherwise, nothing with --quiet.
 * Written to stderr so stdout stays for results.
 */
public final class MigrationProgress implements MigrationListener {
    private static final long LINE_EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private final int totalSlots;
    private final long started = System.nanoTime();
    private int slotsDone;
    private long keys;
    private long lastLine;

    public MigrationProgress(PrintWriter err, boolean terminal, boolean quiet, int totalSlots, int alreadyDone) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
        this.totalSlots = totalSlots;
        this.slotsDone = alreadyDone;
    }

    @Override
    public synchronized void slotsDone(List<Integer> slots, long keysMoved) {
        slotsDone += slots.size();
        keys = keysMoved;
        show(false);
    }

    @Override
    public synchronized void keysMoved(long keysMoved) {
        keys = keysMoved;
        show(false);
    }

    @Override
    public synchronized void bigKeyMoved(int slot, String key, long bytes, int timeoutMs, long tookMs) {
        if (!quiet) {
            if (terminal) {
                err.print("\r\u001B[K");
            }
            err.println("  Moved big key '" + key + "' (" + Sizes.bytes(bytes) + ", slot " + slot + ") alone in "
                    + Sizes.millis(tookMs) + ", with a " + timeoutMs + " ms MIGRATE timeout");
            err.flush();
        }
    }

    @Override
    public synchronized void retrying(String what) {
        if (!quiet) {
            warning(what);
        }
    }

    @Override
    public synchronized void detail(String what) {
        if (!quiet) {
            if (terminal) {
                err.print("\r\u001B[K");
            }
            err.println("  " + what);
            err.flush();
        }
    }

    /** Printed with or without --quiet, as every operation's warnings are. */
    @Override
    public synchronized void warning(String what) {
        if (terminal) {
            err.print("\r\u001B[K");
        }
        err.println("[WARNING] " + what);
        err.flush();
    }

    /** The last line, always printed (unless quiet) so logs end with the totals. */
    public synchronized void finish() {
        show(true);
        if (!quiet && terminal) {
            err.println();
            err.flush();
        }
    }

    private void show(boolean force) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        if (!force && !terminal && now - lastLine < LINE_EVERY_NANOS) {
            return;
        }
        if (!force && terminal && now - lastLine < 100_000_000L) {
            return;
        }
        lastLine = now;
        double seconds = Math.max(0.001, (now - started) / 1e9);
        double keysPerSecond = keys / seconds;
        double slotsPerSecond = slotsDone / seconds;
        String eta = slotsDone > 0 && slotsDone < totalSlots
                ? String.format(Locale.ROOT, "ETA %.0fs", (totalSlots - slotsDone) / Math.max(slotsPerSecond, 1e-9))
                : "";
        String text = String.format(Locale.ROOT, "%s %d/%d slots | %d keys | %.0f keys/s | %.1fs %s",
                bar(), slotsDone, totalSlots, keys, keysPerSecond, seconds, eta).trim();
        if (terminal) {
            err.print("\r\u001B[K" + text);
        } else {
            err.println(text);
        }
        err.flush();
    }

    private String bar() {
        int width = 24;
        int filled = totalSlots == 0 ? width : (int) ((long) width * slotsDone / totalSlots);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
