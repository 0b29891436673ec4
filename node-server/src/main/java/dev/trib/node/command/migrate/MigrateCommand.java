package dev.trib.node.command.migrate;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.rdb.DumpPayload;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.text.IntegerText;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH password | AUTH2 user password] [KEYS key ...]:
 * as Redis, a blocking exchange with the target (AUTH, SELECT, then one RESTORE per key, RESTORE-ASKING in
 * cluster mode, all pipelined), keys deleted here once the target has them unless COPY. Connections are kept for
 * 10 s of idleness, as Redis caches them, so a reshard's thousands of calls do not each connect.
 */
public final class MigrateCommand implements Command {
    static final SimpleStringReply NOKEY = new SimpleStringReply("NOKEY");
    private static final long IDLE_MS = 10_000;
    private static final int MAX_REPLY = 512 * 1024 * 1024;

    private final Keyspace keyspace;
    private final boolean clusterMode;
    private final Map<String, Cached> cache = new HashMap<>();

    private static final class Cached {
        Socket socket;
        InputStream in;
        OutputStream out;
        long lastUse;
        long db = -1;
    }

    public MigrateCommand(Keyspace keyspace, boolean clusterMode) {
        this.keyspace = keyspace;
        this.clusterMode = clusterMode;
    }

    /** Where the keys of a MIGRATE call are (argument indexes), for routing and COMMAND GETKEYS. */
    public static List<Integer> keyPositions(List<byte[]> argv) {
        List<Integer> out = new ArrayList<>();
        if (argv.size() < 6) {
            return out;
        }
        if (argv.get(3).length > 0) {
            out.add(3);
            return out;
        }
        for (int i = 6; i < argv.size(); i++) {
            String opt = new String(argv.get(i), StandardCharsets.US_ASCII).toLowerCase();
            if (opt.equals("auth")) {
                i++;
            } else if (opt.equals("auth2")) {
                i += 2;
            } else if (opt.equals("keys")) {
                for (int k = i + 1; k < argv.size(); k++) {
                    out.add(k);
                }
                break;
            }
        }
        return out;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        boolean copy = false;
        boolean replace = false;
        byte[] user = null;
        byte[] password = null;
        int firstKey = 3;
        int keyCount = 1;
        for (int i = 6; i < request.argc(); i++) {
            boolean more = i + 1 < request.argc();
            if (request.argIs(i, "copy")) {
                copy = true;
            } else if (request.argIs(i, "replace")) {
                replace = true;
            } else if (request.argIs(i, "auth") && more) {
                password = request.arg(++i);
            } else if (request.argIs(i, "auth2") && i + 2 < request.argc()) {
                user = request.arg(++i);
                password = request.arg(++i);
            } else if (request.argIs(i, "keys")) {
                if (request.arg(3).length != 0) {
                    return new ErrorReply("ERR When using MIGRATE KEYS option, the key argument must be set to "
                            + "the empty string");
                }
                firstKey = i + 1;
                keyCount = request.argc() - i - 1;
                break;
            } else {
                return Errors.SYNTAX;
            }
        }
        Long port = IntegerText.parse(request.arg(2));
        Long db = IntegerText.parse(request.arg(4));
        Long timeout = IntegerText.parse(request.arg(5));
        if (port == null || db == null || timeout == null) {
            return Errors.NOT_INTEGER;
        }
        long timeoutMs = timeout <= 0 ? 1000 : timeout;
        List<Key> keys = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        List<Long> ttls = new ArrayList<>();
        for (int i = firstKey; i < firstKey + keyCount; i++) {
            Key k = request.key(i);
            KeyEntry e = keyspace.lookup(k);
            if (e != null) {
                keys.add(k);
                payloads.add(DumpPayload.dump(e.value()));
                long ttl = e.expireAt() == KeyEntry.NO_EXPIRE ? 0 : Math.max(1, e.expireAt() - keyspace.now());
                ttls.add(ttl);
            }
        }
        if (keys.isEmpty()) {
            return NOKEY;
        }
        String host = new String(request.arg(1), StandardCharsets.UTF_8);
        String target = host + ":" + port;
        Cached c;
        try {
            c = connect(target, host, port.intValue(), (int) timeoutMs);
        } catch (IOException e) {
            return new ErrorReply("IOERR error or timeout connecting to the client");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int header = 0;
        if (password != null) {
            write(buf, user == null ? new byte[][] {ascii("AUTH"), password}
                    : new byte[][] {ascii("AUTH"), user, password});
            header++;
        }
        boolean select = c.db != db;
        if (select) {
            write(buf, new byte[][] {ascii("SELECT"), ascii(Long.toString(db))});
            header++;
        }
        for (int i = 0; i < keys.size(); i++) {
            List<byte[]> cmd = new ArrayList<>(List.of(ascii(clusterMode ? "RESTORE-ASKING" : "RESTORE"),
                    keys.get(i).bytes(), ascii(Long.toString(ttls.get(i))), payloads.get(i)));
            if (replace) {
                cmd.add(ascii("REPLACE"));
            }
            write(buf, cmd.toArray(byte[][]::new));
        }
        try {
            c.out.write(buf.toByteArray());
            c.out.flush();
        } catch (IOException e) {
            drop(target);
            return new ErrorReply("IOERR error or timeout writing to target instance");
        }
        String error = null;
        try {
            for (int i = 0; i < header; i++) {
                String r = readStatus(c.in);
                if (r.startsWith("-") && error == null) {
                    error = r.substring(1);
                }
            }
            if (error == null && select) {
                c.db = db;
            }
            for (Key k : keys) {
                String r = readStatus(c.in);
                if (r.startsWith("-")) {
                    if (error == null) {
                        error = r.substring(1);
                    }
                } else if (!copy && error == null) {
                    keyspace.delete(k);
                }
            }
        } catch (IOException e) {
            drop(target);
            return new ErrorReply("IOERR error or timeout reading to target instance");
        }
        c.lastUse = System.currentTimeMillis();
        if (error != null) {
            if (password != null || select) {
                c.db = -1;
            }
            return new ErrorReply("ERR Target instance replied with error: " + error);
        }
        return Replies.OK;
    }

    private Cached connect(String target, String host, int port, int timeoutMs) throws IOException {
        long now = System.currentTimeMillis();
        Cached c = cache.get(target);
        if (c != null && (now - c.lastUse > IDLE_MS || c.socket.isClosed())) {
            drop(target);
            c = null;
        }
        if (c == null) {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), timeoutMs);
            c = new Cached();
            c.socket = s;
            c.in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            c.out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            cache.put(target, c);
        }
        c.socket.setSoTimeout(timeoutMs);
        c.lastUse = now;
        return c;
    }

    private void drop(String target) {
        Cached c = cache.remove(target);
        if (c != null) {
            try {
                c.socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static void write(ByteArrayOutputStream out, byte[][] args) {
        out.writeBytes(ascii("*" + args.length + "\r\n"));
        for (byte[] a : args) {
            out.writeBytes(ascii("$" + a.length + "\r\n"));
            out.writeBytes(a);
            out.writeBytes(ascii("\r\n"));
        }
    }

    /** One reply as text: "+OK", "-ERR ..."; other types are read whole and returned as their first line. */
    private static String readStatus(InputStream in) throws IOException {
        String line = readLine(in);
        if (line.startsWith("$")) {
            long len = Long.parseLong(line.substring(1));
            if (len > MAX_REPLY) {
                throw new IOException("reply too large");
            }
            if (len >= 0) {
                in.skipNBytes(len + 2);
            }
        }
        return line;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("protocol error");
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
