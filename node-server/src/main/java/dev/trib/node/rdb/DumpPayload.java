package dev.trib.node.rdb;

import dev.trib.node.keyspace.RedisValue;
import dev.trib.planner.rdb.Bytes;
import dev.trib.planner.rdb.Crc64;
import dev.trib.planner.rdb.RdbFormatException;
import dev.trib.planner.rdb.RdbInput;

import java.util.Arrays;

/**
 * The DUMP / RESTORE / MIGRATE payload: one RDB object (type byte and body), then the RDB version as two
 * little-endian bytes, then the CRC-64 of everything before it as eight little-endian bytes.
 */
public final class DumpPayload {
    /** Redis 7.0's RDB version: payloads from newer servers are refused, as redis-server 7.0 does. */
    public static final int RDB_VERSION = 10;
    private static final int FOOTER = 10;

    private DumpPayload() {
    }

    /** Thrown for a bad version or checksum: "ERR DUMP payload version or checksum are wrong". */
    public static final class ChecksumException extends RuntimeException {
        ChecksumException() {
            super("DUMP payload version or checksum are wrong");
        }
    }

    public static byte[] dump(RedisValue value) {
        byte[] object = RdbValueWriter.write(value);
        byte[] out = Arrays.copyOf(object, object.length + FOOTER);
        out[object.length] = (byte) RDB_VERSION;
        out[object.length + 1] = 0;
        long crc = Crc64.of(out, 0, object.length + 2);
        for (int i = 0; i < 8; i++) {
            out[object.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    /**
     * Bytes after the object are ignored, as redis-server 7.0 ignores them; a footer alone (no object) is a
     * format error there too, not a checksum one.
     *
     * @throws ChecksumException  when the version is newer than 10 or the checksum does not match
     * @throws RdbFormatException when the object inside is malformed
     */
    public static RedisValue restore(byte[] payload) {
        if (payload.length < FOOTER) {
            throw new ChecksumException();
        }
        int footer = payload.length - FOOTER;
        long version = Bytes.le(payload, footer, 2);
        long crc = Bytes.le(payload, footer + 2, 8);
        if (version > RDB_VERSION || crc != Crc64.of(payload, 0, footer + 2)) {
            throw new ChecksumException();
        }
        RdbInput in = new RdbInput(payload, 0, footer);
        return RdbValueReader.read(in.u8(), in, (int) version);
    }
    /** RDB_OPCODE_FUNCTION2: one function library's code (FUNCTION DUMP / RESTORE, RDB files). */
    public static final int FUNCTION2 = 245;

    /** FUNCTION DUMP's payload: each library's code as a FUNCTION2 record, then the version and checksum. */
    public static byte[] dumpFunctions(java.util.List<byte[]> codes) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (byte[] code : codes) {
            body.write(FUNCTION2);
            RdbValueWriter.string(body, code);
        }
        byte[] object = body.toByteArray();
        byte[] out = Arrays.copyOf(object, object.length + FOOTER);
        out[object.length] = (byte) RDB_VERSION;
        long crc = Crc64.of(out, 0, object.length + 2);
        for (int i = 0; i < 8; i++) {
            out[object.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    /**
     * The libraries' code in a FUNCTION DUMP payload.
     *
     * @throws ChecksumException        when the version is newer than 10 or the checksum does not match
     * @throws IllegalArgumentException with redis-server's message when a record is not a library
     */
    public static java.util.List<byte[]> restoreFunctions(byte[] payload) {
        if (payload.length < FOOTER) {
            throw new ChecksumException();
        }
        int footer = payload.length - FOOTER;
        long version = Bytes.le(payload, footer, 2);
        long crc = Bytes.le(payload, footer + 2, 8);
        if (version > RDB_VERSION || crc != Crc64.of(payload, 0, footer + 2)) {
            throw new ChecksumException();
        }
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        RdbInput in = new RdbInput(payload, 0, footer);
        try {
            while (!in.atEnd()) {
                if (in.u8() != FUNCTION2) {
                    throw new IllegalArgumentException("given type is not a function");
                }
                out.add(in.string());
            }
        } catch (RdbFormatException e) {
            throw new IllegalArgumentException("failed loading the given functions payload");
        }
        return out;
    }
}
