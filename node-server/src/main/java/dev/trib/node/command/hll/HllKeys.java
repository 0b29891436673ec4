package dev.trib.node.command.hll;

import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.ErrorReply;

/** Reading HLL values from the keyspace with redis-server's checks and errors. */
final class HllKeys {
    static final ErrorReply NOT_AN_HLL = new ErrorReply("WRONGTYPE Key is not a valid HyperLogLog string value.");
    static final ErrorReply CORRUPT = new ErrorReply("INVALIDOBJ Corrupted HLL object detected");

    private HllKeys() {
    }

    /** The key's HLL (a working copy), null when the key is missing; a string that is no HLL is refused. */
    static Hll read(Keyspace keyspace, Key key) {
        StringValue value = keyspace.get(key, StringValue.class);
        if (value == null) {
            return null;
        }
        byte[] bytes = value.bytes();
        if (!Hll.looksValid(bytes)) {
            throw Errors.fail(NOT_AN_HLL);
        }
        return Hll.of(bytes);
    }

    /** Stores an HLL back, keeping the key's TTL as redis-server's in-place update does. */
    static void write(Keyspace keyspace, Key key, Hll hll) {
        keyspace.overwrite(key, StringValue.raw(hll.bytes()));
    }
}
