package dev.trib.node.command.migrate;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.rdb.DumpPayload;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.RespRequests;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.text.IntegerText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH password | AUTH2 user password] [KEYS key ...],
 * following redis-server 7.0 step by step: a blocking exchange with the target on the node's only thread (so the
 * keys change atomically for every other client, as in Redis): AUTH, SELECT unless the cached connection already
 * has that database, one RESTORE (RESTORE-ASKING in cluster mode) per key, all pipelined; each key is deleted
 * here once the target acknowledged it, unless COPY. A connection that fails before any reply is reopened and the
 * whole exchange tried once more, unless it timed out.
 */
public final class MigrateCommand implements Command {
    static final SimpleStringReply NOKEY = new SimpleStringReply("NOKEY");
    static final ErrorReply CONNECT_ERROR = new ErrorReply("IOERR error or timeout connecting to the client");
    static final ErrorReply KEYS_NEEDS_EMPTY_KEY = new ErrorReply(
            "ERR When using MIGRATE KEYS option, the key argument must be set to the empty string");

    private final Keyspace keyspace;
    private final boolean clusterMode;
    private final MigrateSockets sockets = new MigrateSockets();

    public MigrateCommand(Keyspace keyspace, boolean clusterMode) {
        this.keyspace = keyspace;
        this.clusterMode = clusterMode;
    }

    /**
     * Where the keys of a MIGRATE call are (argument indexes), for routing and COMMAND GETKEYS, found as
     * redis-server 7.0 finds them. Its key specs come first: the key argument (even when empty), and the arguments
     * after a KEYS word searched backwards from the next-to-last argument down to the port. When that search finds
     * nothing, the key argument is the answer. Otherwise the spec is incomplete and migrateGetKeys decides: options
     * are walked from the sixth argument, skipping AUTH's and AUTH2's values, up to KEYS, whose following arguments
     * are the keys; none when the key argument was not empty (MIGRATE itself then reports the syntax error).
     */
    @Override
    public List<Integer> keyPositions(List<byte[]> argv) {
        return keysOf(argv);
    }

    static List<Integer> keysOf(List<byte[]> argv) {
        int argc = argv.size();
        List<Integer> out = new ArrayList<>();
        if (argc <= 3) {
            return out;
        }
        boolean keysWord = false;
        for (int i = argc - 2; i >= 2 && !keysWord; i--) {
            keysWord = isWord(argv.get(i), "keys");
        }
        int first = 3;
        int count = 1;
        if (keysWord && argc > 6) {
            for (int i = 6; i < argc; i++) {
                if (isWord(argv.get(i), "keys")) {
                    if (argv.get(3).length > 0) {
                        count = 0;
                    } else {
                        first = i + 1;
                        count = argc - first;
                    }
                    break;
                } else if (isWord(argv.get(i), "auth")) {
                    i += 1;
                } else if (isWord(argv.get(i), "auth2")) {
                    i += 2;
                }
            }
        }
        for (int i = first; i < first + count; i++) {
            out.add(i);
        }
        return out;
    }

    private static boolean isWord(byte[] arg, String lowerCaseWord) {
        return new String(arg, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).equals(lowerCaseWord);
    }

    /** tls-cluster: targets are reached over TLS with engines from this factory (host, port), as redis-server. */
    public void useTls(java.util.function.BiFunction<String, Integer, javax.net.ssl.SSLEngine> engines) {
        sockets.useTls(engines);
    }

    /** Open connections in the cache (INFO's migrate_cached_sockets). */
    public int cachedSockets() {
        sockets.closeIdle(System.currentTimeMillis());
        return sockets.size();
    }

    /** The parsed call. */
    private record Options(boolean copy, boolean replace, byte[] user, byte[] password) {
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
            int more = request.argc() - 1 - i;
            if (request.argIs(i, "copy")) {
                copy = true;
            } else if (request.argIs(i, "replace")) {
                replace = true;
            } else if (request.argIs(i, "auth")) {
                if (more < 1) {
                    return Errors.SYNTAX;
                }
                password = request.arg(++i);
            } else if (request.argIs(i, "auth2")) {
                if (more < 2) {
                    return Errors.SYNTAX;
                }
                user = request.arg(++i);
                password = request.arg(++i);
            } else if (request.argIs(i, "keys")) {
                if (request.arg(3).length != 0) {
                    return KEYS_NEEDS_EMPTY_KEY;
                }
                firstKey = i + 1;
                keyCount = request.argc() - i - 1;
                break;
            } else {
                return Errors.SYNTAX;
            }
        }
        Long timeout = IntegerText.parse(request.arg(5));
        Long db = timeout == null ? null : IntegerText.parse(request.arg(4));
        if (timeout == null || db == null) {
            return Errors.NOT_INTEGER;
        }
        long timeoutMs = timeout <= 0 ? 1000 : timeout;
        List<Key> keys = new ArrayList<>();
        for (int i = firstKey; i < firstKey + keyCount; i++) {
            Key k = request.key(i);
            if (keyspace.lookup(k) != null) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            return NOKEY;
        }
        Options o = new Options(copy, replace, user, password);
        RespReply reply = migrate(request, o, keys, db, timeoutMs);
        // Replicas see only the local effect: the keys that left, as one DEL (even after a partial failure).
        request.propagation().suppress();
        List<byte[]> del = new ArrayList<>();
        for (Key k : keys) {
            if (keyspace.lookup(k) == null) {
                del.add(k.bytes());
            }
        }
        if (!del.isEmpty()) {
            del.add(0, dev.trib.node.command.Propagation.ascii("DEL"));
            request.propagation().replaceWith(del);
        }
        return reply;
    }

    private RespReply migrate(CommandRequest request, Options o, List<Key> keys, long db, long timeoutMs) {
        String host = new String(request.arg(1), StandardCharsets.UTF_8);
        // The cache is keyed by host and port as written, like redis-server's; the port is read as C's atoi.
        String name = host + ":" + new String(request.arg(2), StandardCharsets.UTF_8);
        int port = port(request.arg(2));
        if (port < 0) {
            return CONNECT_ERROR;
        }
        boolean mayRetry = true;
        while (true) {
            MigrateConnection c;
            try {
                c = sockets.get(name, host, port, timeoutMs);
            } catch (IOException e) {
                return CONNECT_ERROR;
            }
            Outcome out = exchange(c, o, keys, db, timeoutMs);
            if (out.broken) {
                sockets.close(name); // after a socket error the connection is not reused
            }
            if (out.reply != null) {
                return out.reply;
            }
            if (out.retryable && mayRetry) {
                mayRetry = false;
                continue;
            }
            return new ErrorReply("IOERR error or timeout " + (out.writing ? "writing" : "reading")
                    + " to target instance");
        }
    }

    /**
     * The reply to send (null after a socket error with nothing else to say), whether the connection broke, and
     * for a socket error whether it was writing and whether a new connection may try again.
     */
    private record Outcome(RespReply reply, boolean broken, boolean writing, boolean retryable) {
        static Outcome done(RespReply reply) {
            return new Outcome(reply, false, false, false);
        }

        static Outcome socketError(boolean writing, boolean retryable) {
            return new Outcome(null, true, writing, retryable);
        }
    }

    private Outcome exchange(MigrateConnection c, Options o, List<Key> candidates, long db, long timeoutMs) {
        ByteArrayOutputStream cmd = new ByteArrayOutputStream();
        if (o.password != null) {
            command(cmd, o.user == null ? List.of(ascii("AUTH"), o.password)
                    : List.of(ascii("AUTH"), o.user, o.password));
        }
        boolean select = c.lastDb != db;
        if (select) {
            command(cmd, List.of(ascii("SELECT"), ascii(Long.toString(db))));
        }
        List<Key> keys = new ArrayList<>();
        for (Key k : candidates) {
            KeyEntry e = keyspace.lookup(k); // gone meanwhile (expired): skipped, as redis-server does
            if (e == null) {
                continue;
            }
            long ttl = 0;
            if (e.expireAt() != KeyEntry.NO_EXPIRE) {
                ttl = Math.max(1, e.expireAt() - keyspace.now());
            }
            keys.add(k);
            RedisValue value = e.value();
            List<byte[]> restore = new ArrayList<>(List.of(ascii(clusterMode ? "RESTORE-ASKING" : "RESTORE"),
                    k.bytes(), ascii(Long.toString(ttl)), DumpPayload.dump(value)));
            if (o.replace) {
                restore.add(ascii("REPLACE"));
            }
            command(cmd, restore);
        }
        try {
            c.write(cmd.toByteArray(), timeoutMs);
        } catch (IOException e) {
            return Outcome.socketError(true, !(e instanceof SocketTimeoutException));
        }
        String authReply = null;
        String selectReply = null;
        try {
            if (o.password != null) {
                authReply = c.readLine(timeoutMs);
            }
            if (select) {
                selectReply = c.readLine(timeoutMs);
            }
        } catch (IOException e) {
            return Outcome.socketError(false, !(e instanceof SocketTimeoutException));
        }
        String headerError = authReply != null && authReply.startsWith("-") ? authReply
                : selectReply != null && selectReply.startsWith("-") ? selectReply : null;
        ErrorReply targetError = null;
        for (int j = 0; j < keys.size(); j++) {
            String reply;
            try {
                reply = c.readLine(timeoutMs);
            } catch (IOException e) {
                if (targetError != null) {
                    return new Outcome(targetError, true, false, false);
                }
                // Only when nothing at all was acknowledged may the whole exchange be tried again.
                return Outcome.socketError(false, j == 0 && !(e instanceof SocketTimeoutException));
            }
            if (headerError != null || reply.startsWith("-")) {
                if (targetError == null) {
                    c.lastDb = -1; // on error the selected database is no longer known
                    String err = headerError != null ? headerError : reply;
                    targetError = new ErrorReply("ERR Target instance replied with error: " + err.substring(1));
                }
            } else if (!o.copy) {
                keyspace.delete(keys.get(j));
            }
        }
        if (targetError != null) {
            return Outcome.done(targetError);
        }
        c.lastDb = db;
        return Outcome.done(Replies.OK);
    }

    /**
     * The TCP port redis-server ends up connecting to: atoi of the argument, printed into a 6-byte buffer (so at
     * most 5 characters survive) and handed to getaddrinfo, which refuses a negative number and keeps the low 16
     * bits of the others. -1 when no connection is attempted.
     */
    static int port(byte[] arg) {
        String printed = Integer.toString(atoi(arg));
        if (printed.length() > 5) {
            printed = printed.substring(0, 5);
        }
        if (printed.startsWith("-")) {
            return -1;
        }
        return Integer.parseInt(printed) & 0xffff;
    }

    /** C's atoi, as redis-server reads the port: leading blanks, a sign, then digits up to the first other byte. */
    static int atoi(byte[] s) {
        int i = 0;
        while (i < s.length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        long v = 0;
        while (i < s.length && s[i] >= '0' && s[i] <= '9' && v < Integer.MAX_VALUE) {
            v = v * 10 + (s[i++] - '0');
        }
        return (int) Math.min(Integer.MAX_VALUE, negative ? -v : v);
    }

    private static void command(ByteArrayOutputStream out, List<byte[]> args) {
        out.writeBytes(RespRequests.encode(args));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
