package dev.trib.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The daemon's own commands (status, stop), as {@code trib daemon status|stop} send them. */
public final class DaemonClient {
    private static final int TIMEOUT_MS = 5_000;

    private DaemonClient() {
    }

    public record Status(long pid, int port, Instant started, long served) {
    }

    /** The daemon named in {@code file}, if it answers. */
    public static Optional<Status> status(Path file) {
        return DaemonFile.read(file).flatMap(f -> ask(f, DaemonRequest.STATUS)).flatMap(DaemonClient::parseStatus);
    }

    /** Asks the daemon to stop; true if it said it would. */
    public static boolean stop(Path file) {
        return DaemonFile.read(file).flatMap(f -> ask(f, DaemonRequest.STOP)).filter("stopped"::equals).isPresent();
    }

    private static Optional<Status> parseStatus(String line) {
        String[] f = line.split(" ");
        if (f.length != 5 || !f[0].equals("running")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Status(Long.parseLong(f[1]), Integer.parseInt(f[2]),
                    Instant.ofEpochMilli(Long.parseLong(f[3])), Long.parseLong(f[4])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> ask(DaemonFile daemon, String verb) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), daemon.port()), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            InputStream in = s.getInputStream();
            if (!(readLine(in) + "\n").equals(daemon.greeting())) {
                return Optional.empty(); // not the daemon: another program on a port a daemon left
            }
            OutputStream out = s.getOutputStream();
            for (String field : new String[] {DaemonRequest.MAGIC, daemon.token(), verb}) {
                out.write(field.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            out.flush();
            String line = readLine(in);
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
