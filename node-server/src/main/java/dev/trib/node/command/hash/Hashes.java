package dev.trib.node.command.hash;

import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;

/** Lookup helpers shared by the hash commands. */
final class Hashes {
    private Hashes() {
    }

    /** The hash at key, creating and storing an empty one when missing (WRONGTYPE when not a hash). */
    static HashValue getOrCreate(Keyspace keyspace, Key key) {
        HashValue hash = keyspace.get(key, HashValue.class);
        if (hash == null) {
            hash = new HashValue();
            keyspace.add(key, hash);
        }
        return hash;
    }
}
