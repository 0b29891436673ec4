package dev.trib.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * stderr, remembering the {@code [WARNING]} lines written to it: under --json the error document carries them, so a
 * script that reads only stdout still learns what went wrong on the way (e.g. a slot a failover had to give back)
 * when the command then fails. Every warning reaches stderr through one of a few printers; reading them here keeps
 * the document equal to what a person saw, whichever printer wrote the line.
 */
final class StderrWarnings {
    private static final String PREFIX = "[WARNING] ";
    private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");

    private final PrintWriter writer;
    private final StringBuilder partial = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();

    StderrWarnings(PrintWriter err) {
        this.writer = new PrintWriter(new FilterWriter(err) {
            @Override
            public void write(int c) throws IOException {
                seen(String.valueOf((char) c));
                super.write(c);
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                seen(new String(cbuf, off, len));
                super.write(cbuf, off, len);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                seen(str.substring(off, off + len));
                super.write(str, off, len);
            }
        }, true);
    }

    PrintWriter writer() {
        return writer;
    }

    /** The warnings written so far, each without its prefix, in order. */
    synchronized List<String> lines() {
        return List.copyOf(warnings);
    }

    /** Splits at line ends; a carriage return (a progress line redrawn) ends a line too, so none grows forever. */
    private synchronized void seen(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && c != '\r') {
                partial.append(c);
                continue;
            }
            String line = COLOUR.matcher(partial).replaceAll("").stripTrailing();
            if (line.startsWith(PREFIX)) {
                warnings.add(line.substring(PREFIX.length()));
            }
            partial.setLength(0);
        }
    }
}
