package dev.trib.planner.rdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a whole RDB file of version 1 to 12 (Redis 7.4): "REDIS" and four version digits, auxiliary fields,
 * database 0 with its keys, EOF, then a CRC-64 of everything before it. Every key goes to a visitor in file order,
 * so loading a snapshot and checking one someone else saved (trib backup) read it the same way. Bytes in, entries
 * out: no files, no network.
 */
public final class RdbFile {
    /** The newest file format the reader knows (Redis 7.4). */
    public static final int MAX_VERSION = 12;
    /** The expiry of a key (or hash field) that has none. */
    public static final long NO_EXPIRE = -1;

    private static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);
    public static final int OP_SLOT_INFO = 0xf4;
    public static final int OP_FUNCTION2 = 0xf5;
    public static final int OP_FUNCTION = 0xf6;
    public static final int OP_MODULE_AUX = 0xf7;
    public static final int OP_IDLE = 0xf8;
    public static final int OP_FREQ = 0xf9;
    public static final int OP_AUX = 0xfa;
    public static final int OP_RESIZEDB = 0xfb;
    public static final int OP_EXPIRETIME_MS = 0xfc;
    public static final int OP_EXPIRETIME = 0xfd;
    public static final int OP_SELECTDB = 0xfe;
    public static final int OP_EOF = 0xff;

    private RdbFile() {
    }

    /** One key of a file as read: name, value, and expiry in ms since the epoch ({@link #NO_EXPIRE} when none). */
    @FunctionalInterface
    public interface EntryVisitor {
        void entry(byte[] key, RdbValue value, long expireAt);

        /** A function library's code (RDB_OPCODE_FUNCTION2); not a key. Ignored unless overridden. */
        default void function(byte[] code) {
        }
    }

    /**
     * Reads the whole file, checksum included.
     *
     * @return the file's auxiliary fields, in file order
     * @throws RdbFormatException when the file is not an RDB file of version 1 to 12, has a wrong checksum, holds
     *                            keys outside database 0, module or old-style function data, or a value of a type the
     *                            reader does not decode (Redis 7.2's stream type 21, modules): the message names the type and version
     */
    public static Map<String, String> scan(byte[] file, EntryVisitor visitor) {
        int version = version(file);
        RdbInput in = new RdbInput(file, 9, file.length);
        Map<String, String> aux = new LinkedHashMap<>();
        long expireAt = NO_EXPIRE;
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
                case OP_SLOT_INFO -> { // slot, its key count, its keys with an expiry: a sizing hint (7.4)
                    in.length();
                    in.length();
                    in.length();
                }
                case OP_EXPIRETIME_MS -> expireAt = in.little(8);
                case OP_EXPIRETIME -> expireAt = in.little(4) * 1000;
                case OP_IDLE -> in.length();
                case OP_FREQ -> in.u8();
                case OP_FUNCTION2 -> visitor.function(in.string()); // a function library: not keys
                case OP_FUNCTION, OP_MODULE_AUX -> throw new RdbFormatException(
                        "the file holds module or old-style function data, which cannot be read");
                default -> {
                    byte[] key = in.string();
                    visitor.entry(key, RdbObjects.read(type, in, version), expireAt);
                    expireAt = NO_EXPIRE;
                }
            }
        }
    }

    /** The version in the header; refuses what is not an RDB file or is newer than {@link #MAX_VERSION}. */
    public static int version(byte[] file) {
        if (file.length < 9 || !Arrays.equals(Arrays.copyOf(file, 5), MAGIC)) {
            throw new RdbFormatException("not an RDB file (wrong signature)");
        }
        int version;
        try {
            version = Integer.parseInt(new String(file, 5, 4, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new RdbFormatException("not an RDB file (bad version)");
        }
        if (version < 1 || version > MAX_VERSION) {
            throw new RdbFormatException("can't handle RDB format version " + version);
        }
        return version;
    }
}
