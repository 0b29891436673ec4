package dev.trib.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client sends: NUL-terminated fields, as bash's {@code printf '%s\0'} writes them (no argument can hold a
 * NUL). {@code trib-daemon-1 TOKEN VERB}, then for {@code run}: the jar the launcher would have run, the working
 * directory, 1 if stdout is a terminal, the count of environment entries and each NAME=VALUE, the count of
 * arguments and each argument.
 */
record DaemonRequest(String token, String verb, String jar, String cwd, boolean stdoutIsTerminal,
                     Map<String, String> environment, List<String> args) {
    static final String MAGIC = "trib-daemon-1";
    static final String RUN = "run";
    static final String STATUS = "status";
    static final String STOP = "stop";

    /** Far above any command line: a client that sends more is not the launcher. */
    private static final int MAX_FIELD_BYTES = 1 << 20;
    private static final int MAX_FIELDS = 10_000;

    static DaemonRequest read(InputStream in) throws IOException {
        Fields f = new Fields(in);
        if (!f.next().equals(MAGIC)) {
            throw new IOException("not a trib daemon request");
        }
        String token = f.next();
        String verb = f.next();
        if (!verb.equals(RUN)) {
            return new DaemonRequest(token, verb, "", "", false, Map.of(), List.of());
        }
        String jar = f.next();
        String cwd = f.next();
        boolean tty = f.next().equals("1");
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = f.count(); i > 0; i--) {
            String entry = f.next();
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IOException("malformed environment entry");
            }
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        List<String> args = new ArrayList<>();
        for (int i = f.count(); i > 0; i--) {
            args.add(f.next());
        }
        return new DaemonRequest(token, verb, jar, cwd, tty, Map.copyOf(env), List.copyOf(args));
    }

    private static final class Fields {
        private final InputStream in;
        private int read;

        Fields(InputStream in) {
            this.in = in;
        }

        String next() throws IOException {
            if (++read > MAX_FIELDS) {
                throw new IOException("too many fields");
            }
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            for (int b = in.read(); b != 0; b = in.read()) {
                if (b < 0) {
                    throw new IOException("request cut short");
                }
                if (field.size() == MAX_FIELD_BYTES) {
                    throw new IOException("field too long");
                }
                field.write(b);
            }
            return field.toString(StandardCharsets.UTF_8);
        }

        int count() throws IOException {
            try {
                int n = Integer.parseInt(next());
                if (n < 0 || n > MAX_FIELDS) {
                    throw new IOException("bad count " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IOException("bad count", e);
            }
        }
    }
}
