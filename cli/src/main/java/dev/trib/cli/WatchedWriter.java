package dev.trib.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.Consumer;

/** A stream of trib's own output that shows each piece of text written to it to a watcher, then passes it on. */
final class WatchedWriter {
    private WatchedWriter() {
    }

    /** An auto-flushing writer over {@code out}; {@code seen} gets every piece of text first, in order. */
    static PrintWriter over(Writer out, Consumer<String> seen) {
        return new PrintWriter(new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                seen.accept(String.valueOf((char) c));
                super.write(c);
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                seen.accept(new String(cbuf, off, len));
                super.write(cbuf, off, len);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                seen.accept(str.substring(off, off + len));
                super.write(str, off, len);
            }
        }, true);
    }
}
