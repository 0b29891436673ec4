package dev.trib.node.support;

import static dev.trib.node.support.ReplyDiff.printable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * What a replica receives (a SYNC connection, as a backup tool opens) while a scenario runs against a server: the
 * command stream after the snapshot, without PINGs. The scenario ends with {@code SET done 1}, where the capture
 * stops; propagation tests compare the streams of redis-server and the node.
 */
public final class ReplicaStream {
    private static final String PING = "*1\r\n$4\r\nPING\r\n";

    /** A scenario's commands, sent to the server at host:port. */
    @FunctionalInterface
    public interface Scenario {
        void run(String host, int port) throws Exception;
    }

    private ReplicaStream() {
    }

    /** A scenario that sends these commands in order on one connection. */
    public static Scenario sending(java.util.List<java.util.List<String>> commands) {
        return (host, port) -> {
            try (RespTestClient client = new RespTestClient(host, port)) {
                for (java.util.List<String> command : commands) {
                    client.call(command.toArray(String[]::new));
                }
            }
        };
    }

    public static String of(String host, int port, Scenario scenario) throws Exception {
        try (Socket replica = new Socket()) {
            replica.connect(new InetSocketAddress(host, port), 5000);
            replica.setSoTimeout(20_000);
            replica.getOutputStream().write("SYNC\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = replica.getInputStream();
            skipSnapshot(in);
            scenario.run(host, port);
            try (RespTestClient client = new RespTestClient(host, port)) {
                client.call("SET", "done", "1");
            }
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            String end = "$4\r\ndone\r\n$1\r\n1\r\n";
            while (!stream.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("stream so far: "
                            + printable(stream.toString(StandardCharsets.ISO_8859_1)));
                }
                if (b < 0) {
                    throw new IOException("stream closed: " + printable(stream.toString(StandardCharsets.ISO_8859_1)));
                }
                stream.write(b);
            }
            return stream.toString(StandardCharsets.ISO_8859_1).replace(PING, "");
        }
    }

    /** Newlines sent while the snapshot is made, then {@code $len\r\n} and the snapshot itself. */
    private static void skipSnapshot(InputStream in) throws IOException {
        int b = in.read();
        while (b == '\n') {
            b = in.read();
        }
        if (b != '$') {
            throw new IOException("expected a snapshot, got byte " + b);
        }
        StringBuilder length = new StringBuilder();
        for (b = in.read(); b != '\r'; b = in.read()) {
            length.append((char) b);
        }
        in.read(); // '\n'
        long left = Long.parseLong(length.toString());
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("snapshot cut short");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
