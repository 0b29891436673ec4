package dev.trib.node.rdb;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.planner.rdb.Crc64;
import dev.trib.planner.rdb.RdbFile;
import dev.trib.planner.rdb.RdbFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
            out.write(RdbFile.OP_AUX);
            RdbValueWriter.string(out, k.getBytes(StandardCharsets.UTF_8));
            RdbValueWriter.string(out, v.getBytes(StandardCharsets.UTF_8));
        });
        for (byte[] code : keyspace.functionCodes()) { // before the keys, as redis-server writes them
            out.write(RdbFile.OP_FUNCTION2);
            RdbValueWriter.string(out, code);
        }
        out.write(RdbFile.OP_SELECTDB);
        RdbValueWriter.length(out, 0);
        out.write(RdbFile.OP_RESIZEDB);
        RdbValueWriter.length(out, keyspace.size());
        RdbValueWriter.length(out, keyspace.volatileSize());
        long now = keyspace.now();
        keyspace.forEachEntry(e -> {
            if (e.expireAt() != KeyEntry.NO_EXPIRE) {
                if (e.expireAt() <= now && keyspace.expiring()) {
                    return;
                }
                out.write(RdbFile.OP_EXPIRETIME_MS);
                for (int i = 0; i < 8; i++) {
                    out.write((int) (e.expireAt() >>> (8 * i)));
                }
            }
            byte[] object = RdbValueWriter.write(e.value());
            out.write(object[0]);
            RdbValueWriter.string(out, e.key().bytes());
            out.write(object, 1, object.length - 1);
        });
        out.write(RdbFile.OP_EOF);
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
     * @throws RdbFormatException when the file is not a valid RDB file of version 1 to 12, has a
     *                            wrong checksum, or holds something node-server cannot load (modules, functions, streams,
     *                            hash field expiries)
     */
    public static Loaded load(byte[] file, Keyspace keyspace) {
        return load(file, keyspace, false);
    }

    /** @param keepExpired a replica keeps keys already expired: its master will send their DEL */
    public static Loaded load(byte[] file, Keyspace keyspace, boolean keepExpired) {
        long now = keyspace.now();
        int[] counts = new int[2];
        java.util.List<byte[]> functions = new java.util.ArrayList<>();
        Map<String, String> aux = RdbFile.scan(file, new RdbFile.EntryVisitor() {
            @Override
            public void entry(byte[] key, dev.trib.planner.rdb.RdbValue rdbValue, long fileExpireAt) {
                RedisValue value = RdbValueReader.toValue(rdbValue);
                long expireAt = fileExpireAt == RdbFile.NO_EXPIRE ? KeyEntry.NO_EXPIRE : fileExpireAt;
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
            }

            @Override
            public void function(byte[] code) {
                functions.add(code);
            }
        });
        keyspace.functionsLoaded(functions);
        return new Loaded(counts[0], counts[1], aux);
    }

    /** One key of a file as read: name, value, and expiry in ms ({@link KeyEntry#NO_EXPIRE} when none). */
    @FunctionalInterface
    public interface EntryVisitor {
        void entry(byte[] key, RedisValue value, long expireAt);
    }

    /**
     * Reads the whole file, checksum included, handing every key to the visitor in file order (planner's
     * {@link RdbFile} reads the format; this turns each value into a keyspace value).
     *
     * @return the file's auxiliary fields
     * @throws RdbFormatException as {@link #load(byte[], Keyspace)}
     */
    public static Map<String, String> scan(byte[] file, EntryVisitor visitor) {
        return RdbFile.scan(file, (key, value, expireAt) -> visitor.entry(key, RdbValueReader.toValue(value),
                expireAt == RdbFile.NO_EXPIRE ? KeyEntry.NO_EXPIRE : expireAt));
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
