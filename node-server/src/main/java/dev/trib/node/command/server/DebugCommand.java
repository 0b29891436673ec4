package dev.trib.node.command.server;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.server.ServerContext;
import dev.trib.node.text.IntegerText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * DEBUG SLEEP seconds, DEBUG POPULATE and DEBUG DIGEST-VALUE key..., gated by enable-debug-command like Redis 7.0.
 * SLEEP blocks the event loop on purpose: that is what it is for (simulating a stuck node).
 * DIGEST-VALUE is a SHA-1 over the value's type and replies; equal values give equal digests
 * between trib nodes, but the digests are not Redis's.
 */
public record DebugCommand(ServerContext server) implements Command {
    private static final ErrorReply NOT_ALLOWED = new ErrorReply("ERR DEBUG command not allowed. If the "
            + "enable-debug-command option is set to \"local\", you can run it from a local connection, otherwise "
            + "you need to set this option in the configuration file, and then restart the server.");
    private static final String NO_DIGEST = "0".repeat(40);

    @Override
    public RespReply execute(CommandRequest request) {
        String mode = server.config().get("enable-debug-command");
        if (mode.equals("no") || (mode.equals("local") && !request.session().fromLoopback())) {
            return NOT_ALLOWED;
        }
        if (request.argIs(1, "sleep") && request.argc() == 3) {
            double seconds = Args.toDouble(request.arg(2));
            try {
                Thread.sleep((long) (seconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Replies.OK;
        }
        if (request.argIs(1, "populate") && request.argc() >= 3 && request.argc() <= 5) {
            return populate(request);
        }
        if (request.argIs(1, "reload")) {
            // DEBUG RELOAD [NOSAVE]: dump.rdb written (unless NOSAVE), the dataset emptied and loaded from it.
            boolean save = !(request.argc() == 3 && request.argIs(2, "nosave"));
            return server.persistence().rdb().reload(save) ? Replies.OK
                    : new ErrorReply("ERR Error trying to load the RDB dump, check server logs.");
        }
        if (request.argIs(1, "digest-value")) {
            List<RespReply> out = new ArrayList<>();
            for (int i = 2; i < request.argc(); i++) {
                out.add(BulkReply.of(digest(server.keyspace(), request.arg(i))));
            }
            return Replies.array(out);
        }
        if (request.argIs(1, "help")) {
            return Replies.array(List.of(new SimpleStringReply("DEBUG SLEEP <seconds>"),
                    new SimpleStringReply("DEBUG DIGEST-VALUE <key> [<key> ...]"),
                    new SimpleStringReply("DEBUG RELOAD [NOSAVE]")));
        }
        return new ErrorReply("ERR unknown subcommand '"
                + new String(request.arg(1), StandardCharsets.ISO_8859_1) + "'. Try DEBUG HELP.");
    }

    /** Ordered content (strings, lists) is chained; unordered content (sets, hashes, zsets) is XOR-ed. */
    /**
     * DEBUG POPULATE count [prefix] [size]: keys prefix:0 .. prefix:count-1 (prefix "key") holding "value:N",
     * padded with zero bytes or cut to size when given; existing keys are left alone, as Redis does.
     */
    private RespReply populate(CommandRequest request) {
        Long count = IntegerText.parse(request.arg(2));
        Long size = request.argc() == 5 ? IntegerText.parse(request.arg(4)) : Long.valueOf(-1);
        if (count == null || count < 0 || size == null) {
            return new ErrorReply("ERR value is out of range, must be positive");
        }
        String prefix = request.argc() >= 4 ? new String(request.arg(3), StandardCharsets.ISO_8859_1) : "key";
        Keyspace ks = server.keyspace();
        for (long i = 0; i < count; i++) {
            Key key = Key.of((prefix + ":" + i)
                    .getBytes(StandardCharsets.ISO_8859_1));
            if (ks.exists(key)) {
                continue;
            }
            byte[] value = ("value:" + i).getBytes(StandardCharsets.ISO_8859_1);
            if (size >= 0) {
                value = Arrays.copyOf(value, (int) Math.min(size, 512L * 1024 * 1024));
            }
            ks.add(key, new StringValue(value));
        }
        return Replies.OK;
    }

    static String digest(Keyspace keyspace, byte[] key) {
        RedisValue value = keyspace.get(dev.trib.node.keyspace.Key.of(key));
        if (value == null) {
            return NO_DIGEST;
        }
        byte[] acc = new byte[20];
        if (value instanceof dev.trib.node.keyspace.StringValue s) {
            acc = sha1(acc, s.bytes());
        } else if (value instanceof dev.trib.node.keyspace.ListValue l) {
            for (byte[] e : l.toList()) {
                acc = sha1(acc, e);
            }
        } else if (value instanceof dev.trib.node.keyspace.SetValue set) {
            byte[] x = acc;
            set.forEach(m -> xor(x, sha1(new byte[0], m)));
        } else if (value instanceof dev.trib.node.keyspace.HashValue h) {
            byte[] x = acc;
            h.forEach((f, v) -> xor(x, sha1(sha1(new byte[0], f.bytes()), v)));
        } else if (value instanceof dev.trib.node.keyspace.StreamValue st) {
            for (dev.trib.node.keyspace.StreamNode.Entry e : st.range(dev.trib.node.keyspace.StreamId.MIN,
                    dev.trib.node.keyspace.StreamId.MAX, false, 0)) {
                acc = sha1(acc, e.id().bytes()); // entries in order, as Redis mixes them
                for (byte[] b : e.fieldsAndValues()) {
                    acc = sha1(acc, b);
                }
            }
        } else if (value instanceof dev.trib.node.keyspace.ZSetValue z) {
            byte[] x = acc;
            for (dev.trib.node.keyspace.ScoreTree.Node n = z.first(); n != null; n = n.next()) {
                xor(x, sha1(sha1(new byte[0], n.memberBytes()),
                        Double.toString(n.score()).getBytes(StandardCharsets.US_ASCII)));
            }
        }
        acc = sha1(acc, value.type().name().getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(acc);
    }

    private static byte[] sha1(byte[] seed, byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(seed);
            sha.update(data);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void xor(byte[] into, byte[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] ^= other[i];
        }
    }
}
