package dev.trib.node.support;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for the target of MIGRATE on 127.0.0.1: records every command it reads (per connection)
 * and answers as {@link Script} says, or never reads at all, so tests can see the exact exchange and provoke
 * socket errors and timeouts.
 */
public final class FakeTarget implements AutoCloseable {
    /** The reply to a command on the n-th connection (0-based): wire text, {@link #SILENT} or {@link #CLOSE}. */
    public interface Script {
        String reply(int connection, List<String> command);
    }

    public static final String SILENT = "<silent>";
    public static final String CLOSE = "<close>";

    private final ServerSocket server;
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> connectionOf = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Script script = (n, c) -> "+OK\r\n";
    private volatile boolean readNothing;

    public FakeTarget() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "fake-target-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public FakeTarget script(Script s) {
        this.script = s;
        return this;
    }

    /** Accept connections but never read from them: the sender's socket buffers fill up. */
    public FakeTarget readNothing() {
        this.readNothing = true;
        return this;
    }

    public int connections() {
        return connections.get();
    }

    /** Commands received so far, each as its arguments (ISO-8859-1). */
    public List<List<String>> commands() {
        synchronized (commands) {
            return new ArrayList<>(commands);
        }
    }

    /** Commands received so far with the payload argument of RESTORE replaced by "<payload>". */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        for (List<String> c : commands()) {
            List<String> shown = new ArrayList<>(c);
            if (shown.get(0).toUpperCase().startsWith("RESTORE") && shown.size() > 3) {
                shown.set(3, "<payload>");
            }
            out.add(String.join(" ", shown));
        }
        return out;
    }

    public void clear() {
        commands.clear();
    }

    /** Waits (bounded) until at least n commands arrived. */
    public void awaitCommands(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (commands.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                int n = connections.getAndIncrement();
                Thread t = new Thread(() -> serve(s, n), "fake-target-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int connection) {
        try (s) {
            if (readNothing) {
                while (!server.isClosed() && !s.isClosed()) {
                    Thread.sleep(20);
                }
                return;
            }
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                List<String> cmd = readCommand(in);
                commands.add(cmd);
                connectionOf.add(connection);
                String reply = script.reply(connection, cmd);
                if (CLOSE.equals(reply)) {
                    return;
                }
                if (!SILENT.equals(reply)) {
                    out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection over
        }
    }

    private static List<String> readCommand(InputStream in) throws IOException {
        String header = line(in);
        if (!header.startsWith("*")) {
            throw new IOException("not a multibulk: " + header);
        }
        int n = Integer.parseInt(header.substring(1));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = Integer.parseInt(line(in).substring(1));
            byte[] b = in.readNBytes(len);
            if (b.length < len) {
                throw new EOFException();
            }
            args.add(new String(b, StandardCharsets.ISO_8859_1));
            line(in);
        }
        return args;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\n') {
                int last = sb.length() - 1;
                if (last >= 0 && sb.charAt(last) == '\r') {
                    sb.setLength(last);
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
