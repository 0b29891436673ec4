package dev.trib.cli.output;

import java.io.PrintWriter;

/** Writes redis-cli-style lines, coloured like redis-cli when colour is on. */
public final class Printer {
    private static final String RESET = "\u001B[0m";
    private static final String GREEN = "\u001B[32;1m";
    private static final String RED = "\u001B[31;1m";
    private static final String YELLOW = "\u001B[33;1m";
    private static final String BOLD = "\u001B[29;1m";

    private final PrintWriter out;
    private final boolean color;
    private final boolean quiet;

    public Printer(PrintWriter out, boolean color, boolean quiet) {
        this.out = out;
        this.color = color;
        this.quiet = quiet;
    }

    public void line(String s) {
        out.println(s);
        out.flush();
    }

    /** A {@code >>> } phase line; suppressed by --quiet. */
    public void step(String s) {
        if (!quiet) {
            styled(BOLD, ">>> " + s);
        }
    }

    /** Progress detail; suppressed by --quiet. */
    public void detail(String s) {
        if (!quiet) {
            line(s);
        }
    }

    public void ok(String s) {
        styled(GREEN, "[OK] " + s);
    }

    public void warning(String s) {
        styled(YELLOW, "[WARNING] " + s);
    }

    public void error(String s) {
        styled(RED, "[ERR] " + s);
    }

    private void styled(String style, String s) {
        line(color ? style + s + RESET : s);
    }
}
