package dev.trib.cli;

import dev.trib.cli.output.Json;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * stdout, remembering whether anything was written to it: under --json an error document is printed only when the
 * command has not printed its own, so stdout always holds exactly one document.
 */
final class StdoutDocument {
    private final PrintWriter writer;
    private final StderrWarnings stderr;
    private volatile boolean written;

    StdoutDocument(PrintWriter out, StderrWarnings stderr) {
        this.stderr = stderr;
        this.writer = new PrintWriter(new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                written = true;
                super.write(c);
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                written |= len > 0;
                super.write(cbuf, off, len);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                written |= len > 0;
                super.write(str, off, len);
            }
        }, true);
    }

    PrintWriter writer() {
        return writer;
    }

    /**
     * {"exitCode": n, "error": first line, "problems": [every line], "warnings": [every warning printed before]}
     * unless a document was already printed.
     */
    void printError(int exitCode, List<String> problems) {
        if (written) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("exitCode", exitCode);
        doc.put("error", problems.isEmpty() ? null : problems.get(0));
        doc.put("problems", problems);
        doc.put("warnings", stderr.lines());
        Json.print(writer, doc);
    }
}
