package dev.trib.node.rdb;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole dataset in RDB file format version 10, the format redis-server 7.0 writes for dump.rdb
 * and sends to replicas: "REDIS0010", auxiliary fields, database 0 with its keys, EOF, then a
 * CRC-64 of everything before it. One writer and one reader, shared by SAVE, BGSAVE, start-up
 * loading and full resynchronisation.
 */
public final class RdbSnapshot {
    private static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);
    static final int OP_FUNCTION2 = 0xf5;
    static final int OP_FUNCTION = 0xf6;
    static final int OP_MODULE_AUX = 0xf7;
    static final int OP_IDLE = 0xf8;
    static final int OP_FREQ = 0xf9;
    static final int OP_AUX = 0xfa;
    static final int OP_RESIZEDB = 0xfb;
    static final int OP_EXPIRETIME_MS = 0xfc;
    static final int OP_EXPIRETIME = 0xfd;
    static final int OP_SELECTDB = 0xfe;
    static final int OP_EOF = 0xff;

    private RdbSnapshot() {
    }

    /** What a loaded file said besides its keys. */
    public record Loaded(int keys, int expired, Map<String, String> aux) {
        /** The replication id the file was saved with ("repl-id"), or null. */
        public String replicationId() {
            return aux.get("repl-id");
        }

        /** The replication offset the file was saved at ("repl-offset"), or -1. */
        public long replicationOffset() {
            String v = aux.get("repl-offset");
            try {
                return v == null ? -1 : Long.parseLong(v);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /**
     * Serialises every live key (expired ones are left out) with the given auxiliary fields
     * (e.g. repl-id, repl-offset, aof-base). Runs on the keyspace's thread.
     */
    public static byte[] write(Keyspace keyspace, Map<String, String> aux) {
        Out out = new Out();
        out.write(MAGIC, 0, MAGIC.length);
        byte[] version = String.format("%04d", DumpPayload.RDB_VERSION).getBytes(StandardCharsets.US_ASCII);
        out.write(version, 0, version.length);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("redis-ver", "7.0.15");
        fields.put("redis-bits", "64");
        fields.put("ctime", Long.toString(keyspace.now() / 1000));
        fields.put("used-mem", Long.toString(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
        fields.putAll(aux);
        fields.putIfAbsent("aof-base", "0"); // "1" for the base of an append-only file
        fields.forEach((k, v) -> {
            out.write(OP_AUX);
            RdbValueWriter.string(out, k.getBytes(StandardCharsets.UTF_8));
            RdbValueWriter.string(out, v.getBytes(StandardCharsets.UTF_8));
        });
        out.write(OP_SELECTDB);
        RdbValueWriter.length(out, 0);
        out.write(OP_RESIZEDB);
        RdbValueWriter.length(out, keyspace.size());
        RdbValueWriter.length(out, keyspace.volatileSize());
        long now = keyspace.now();
        keyspace.forEachEntry(e -> {
            if (e.expireAt() != KeyEntry.NO_EXPIRE) {
                if (e.expireAt() <= now && keyspace.expiring()) {
                    return;
                }
                out.write(OP_EXPIRETIME_MS);
                for (int i = 0; i < 8; i++) {
                    out.write((int) (e.expireAt() >>> (8 * i)));
                }
            }
            byte[] object = RdbValueWriter.write(e.value());
            out.write(object[0]);
            RdbValueWriter.string(out, e.key().bytes());
            out.write(object, 1, object.length - 1);
        });
        out.write(OP_EOF);
        long crc = Crc64.of(out.buffer(), 0, out.size());
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)));
        }
        return out.toByteArray();
    }

    /**
     * Adds every key of the file to the keyspace (which the caller has emptied), skipping keys
     * already expired, as redis-server does when loading as a master.
     *
     * @throws RdbFormatException when the file is not a valid RDB file of version 1 to 10, has a
     *                            wrong checksum, or holds something node-server cannot load (modules, functions)
     */
    public static Loaded load(byte[] file, Keyspace keyspace) {
        return load(file, keyspace, false);
    }

    /** @param keepExpired a replica keeps keys already expired: its master will send their DEL */
    public static Loaded load(byte[] file, Keyspace keyspace, boolean keepExpired) {
        long now = keyspace.now();
        int[] counts = new int[2];
        Map<String, String> aux = scan(file, (key, value, expireAt) -> {
            if (!keepExpired && expireAt != KeyEntry.NO_EXPIRE && expireAt <= now) {
                counts[1]++;
            } else {
                Key k = Key.of(key);
                keyspace.set(k, value);
                if (expireAt != KeyEntry.NO_EXPIRE) {
                    keyspace.setExpireAt(k, expireAt);
                }
                counts[0]++;
            }
        });
        return new Loaded(counts[0], counts[1], aux);
    }

    /** One key of a file as read: name, value, and expiry in ms ({@link KeyEntry#NO_EXPIRE} when none). */
    @FunctionalInterface
    public interface EntryVisitor {
        void entry(byte[] key, RedisValue value, long expireAt);
    }

    /**
     * Reads the whole file, checksum included, handing every key to the visitor in file order: loading, and
     * checking a snapshot someone else saved (trib backup), read it the same way.
     *
     * @return the file's auxiliary fields
     * @throws RdbFormatException as {@link #load(byte[], Keyspace)}
     */
    public static Map<String, String> scan(byte[] file, EntryVisitor visitor) {
        if (file.length < 9 || !Arrays.equals(Arrays.copyOf(file, 5), MAGIC)) {
            throw new RdbFormatException("not an RDB file (wrong signature)");
        }
        int version;
        try {
            version = Integer.parseInt(new String(file, 5, 4, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new RdbFormatException("not an RDB file (bad version)");
        }
        if (version < 1 || version > DumpPayload.RDB_VERSION) {
            throw new RdbFormatException("can't handle RDB format version " + version);
        }
        RdbInput in = new RdbInput(file, 9, file.length);
        Map<String, String> aux = new LinkedHashMap<>();
        long expireAt = KeyEntry.NO_EXPIRE;
        while (true) {
            int type = in.u8();
            switch (type) {
                case OP_EOF -> {
                    int end = in.position() - 1;
                    if (version >= 5 && file.length - in.position() >= 8) {
                        long stored = in.little(8);
                        // redis-server writes 0 when rdbchecksum is off.
                        if (stored != 0 && stored != Crc64.of(file, 0, end + 1)) {
                            throw new RdbFormatException("wrong RDB checksum");
                        }
                    }
                    return aux;
                }
                case OP_AUX -> aux.put(new String(in.string(), StandardCharsets.UTF_8),
                        new String(in.string(), StandardCharsets.UTF_8));
                case OP_SELECTDB -> {
                    long db = in.length();
                    if (db != 0) {
                        throw new RdbFormatException("keys in database " + db + " (cluster mode has only 0)");
                    }
                }
                case OP_RESIZEDB -> {
                    in.length();
                    in.length();
                }
                case OP_EXPIRETIME_MS -> expireAt = in.little(8);
                case OP_EXPIRETIME -> expireAt = in.little(4) * 1000;
                case OP_IDLE -> in.length();
                case OP_FREQ -> in.u8();
                case OP_FUNCTION2 -> in.string(); // a function library: node-server has no scripting
                case OP_FUNCTION, OP_MODULE_AUX -> throw new RdbFormatException(
                        "the file holds module or old-style function data node-server cannot load");
                default -> {
                    byte[] key = in.string();
                    RedisValue value = RdbValueReader.read(type, in);
                    visitor.entry(key, value, expireAt);
                    expireAt = KeyEntry.NO_EXPIRE;
                }
            }
        }
    }

    /** A ByteArrayOutputStream whose buffer the checksum can read without a copy. */
    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(1 << 16);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
