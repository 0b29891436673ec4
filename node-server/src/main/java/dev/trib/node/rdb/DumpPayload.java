package dev.trib.node.rdb;

import dev.trib.node.keyspace.RedisValue;

import java.util.Arrays;

/**
 * The DUMP / RESTORE / MIGRATE payload: one RDB object (type byte and body), then the RDB version as two
 * little-endian bytes, then the CRC-64 of everything before it as eight little-endian bytes.
 */
public final class DumpPayload {
    /** Redis 7.0's RDB version: payloads from newer servers are refused, as redis-server 7.0 does. */
    public static final int RDB_VERSION = 10;

    private DumpPayload() {
    }

    /** Thrown for a bad version or checksum: "ERR DUMP payload version or checksum are wrong". */
    public static final class ChecksumException extends RuntimeException {
        ChecksumException() {
            super("DUMP payload version or checksum are wrong");
        }
    }

    public static byte[] dump(RedisValue value) {
        byte[] object = RdbValues.write(value);
        byte[] out = Arrays.copyOf(object, object.length + 10);
        out[object.length] = (byte) RDB_VERSION;
        out[object.length + 1] = 0;
        long crc = Crc64.of(out, 0, object.length + 2);
        for (int i = 0; i < 8; i++) {
            out[object.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    /**
     * @throws ChecksumException   when the version is newer than 10 or the checksum does not match
     * @throws RdbFormatException  when the object inside is malformed
     */
    public static RedisValue restore(byte[] payload) {
        if (payload.length < 11) {
            throw new ChecksumException();
        }
        int footer = payload.length - 10;
        int version = (payload[footer] & 0xff) | (payload[footer + 1] & 0xff) << 8;
        long crc = RdbValues.le(payload, footer + 2, 8);
        if (version > RDB_VERSION || crc != Crc64.of(payload, 0, footer + 2)) {
            throw new ChecksumException();
        }
        RdbInput in = new RdbInput(payload, 0, footer);
        RedisValue value = RdbValues.read(in.u8(), in);
        if (!in.atEnd()) {
            throw new RdbFormatException("bytes left after the object");
        }
        return value;
    }
}
