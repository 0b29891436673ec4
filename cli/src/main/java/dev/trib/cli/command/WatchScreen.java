package dev.trib.cli.command;

import dev.trib.cli.output.WatchView;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The full-screen side of {@code trib watch}: draws the feed's latest result, and keeps answering keys, Ctrl-C
 * and resizes while a sample is slow. The terminal is restored however it ends.
 */
final class WatchScreen {
    /** How often keys, the feed and the terminal size are looked at. */
    private static final long TICK_MS = 100;

    private final WatchFeed feed;
    private final WatchView view;
    private final String entry;
    private final Duration interval;

    WatchScreen(WatchFeed feed, WatchView view, String entry, Duration interval) {
        this.feed = feed;
        this.view = view;
        this.entry = entry;
        this.interval = interval;
    }

    /** Until q, Ctrl-C or end of input. */
    void run() {
        // The exec provider (stty) changes only the flags raw mode needs; the JNI one rewrites the whole termios
        // and hands the terminal back with speed 0 and another line discipline (seen with stty -a under tmux).
        try (Terminal terminal = TerminalBuilder.builder().system(true).provider("exec").build()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean resized = new AtomicBoolean();
            // Raw mode keeps ISIG: Ctrl-C arrives as SIGINT and must end the loop, not the JVM, so the terminal
            // is restored below.
            terminal.handle(Terminal.Signal.INT, s -> stop.set(true));
            // Asking the size costs an stty run with this provider: only after the terminal says it changed.
            terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
            Attributes saved = terminal.enterRawMode();
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.cursor_invisible);
            try {
                loop(terminal, stop, resized);
            } finally {
                terminal.puts(Capability.cursor_visible);
                terminal.puts(Capability.exit_ca_mode);
                terminal.setAttributes(saved);
                terminal.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loop(Terminal terminal, AtomicBoolean stop, AtomicBoolean resized) throws IOException {
        Display display = new Display(terminal, true);
        Size size = terminal.getSize();
        WatchFeed.Result shown = null;
        List<String> frame = List.of();
        List<AttributedString> drawn = null;
        Size drawnSize = null;
        while (!stop.get()) {
            WatchFeed.Result latest = feed.latest();
            if (latest != shown) {
                // Rendered once per result: the view counts role changes per frame, not per redraw.
                if (latest.sample() != null) {
                    frame = view.render(latest.sample(), entry, latest.time());
                }
                shown = latest;
            }
            if (resized.getAndSet(false)) {
                size = terminal.getSize();
                // The terminal has re-wrapped what was on it: diffing against the old lines would leave debris.
                display.clear();
                drawn = null;
            }
            List<AttributedString> lines = screenLines(frame, status(shown), size);
            if (!lines.equals(drawn) || !size.equals(drawnSize)) {
                display.resize(size.getRows(), size.getColumns());
                display.update(lines, -1);
                terminal.flush();
                drawn = lines;
                drawnSize = size;
            }
            int c = terminal.reader().read(TICK_MS);
            if (c == 'q' || c == 'Q' || c == 3 || c == -1) {
                return;
            }
        }
    }

    /** The last line: how to quit, and why the frame above may be old. */
    private String status(WatchFeed.Result shown) {
        StringBuilder b = new StringBuilder("q quits");
        if (shown.error() != null) {
            // The frame above is the last good one; its header time says how old it is.
            b.append(" | ").append(shown.time()).append(' ').append(shown.error()).append(", retrying");
        }
        feed.busyFor().filter(d -> d.compareTo(interval) >= 0).ifPresent(d ->
                b.append(" | waiting for the nodes to answer (").append(d.toSeconds()).append(" s)"));
        return b.toString();
    }

    /** The frame cut to the screen's rows (wrapped lines count), the status line always last. */
    static List<AttributedString> screenLines(List<String> frame, String status, Size size) {
        int columns = Math.max(1, size.getColumns());
        List<AttributedString> rows = new ArrayList<>();
        for (String line : frame) {
            rows.addAll(AttributedString.fromAnsi(line).columnSplitLength(columns));
        }
        int room = Math.max(2, size.getRows() - 1);
        if (rows.size() > room) {
            int hidden = rows.size() - room + 1;
            rows = new ArrayList<>(rows.subList(0, room - 1));
            rows.add(new AttributedString("... " + hidden + " more lines: make the terminal taller"));
        }
        rows.add(new AttributedString(status));
        return rows;
    }
}
