package dev.trib.node.log;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Log lines in redis-server's format ({@code pid:M 01 Jan 2024 12:00:00.000 * message}), because
 * scripts and tools wait for lines such as "Ready to accept connections".
 */
public final class ServerLog {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);

    private final PrintStream out;
    private final long pid = ProcessHandle.current().pid();

    public ServerLog(PrintStream out) {
        this.out = out;
    }

    /** Notice level ({@code *}). */
    public void notice(String message) {
        line('*', message);
    }

    /** Warning level ({@code #}). */
    public void warning(String message) {
        line('#', message);
    }

    private void line(char level, String message) {
        out.println(pid + ":M " + TIME.format(ZonedDateTime.now()) + " " + level + " " + message);
        out.flush();
    }
}
