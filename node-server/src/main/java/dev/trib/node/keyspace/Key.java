package dev.trib.node.keyspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A binary-safe byte string with value equality: keys, hash fields, set and sorted-set members.
 * The array is not copied: the owner hands it over and must not change it afterwards.
 *
 * <p>The hash is seeded per process, like Redis's siphash seed, so clients cannot precompute
 * colliding names to degrade the hash tables.
 */
public final class Key implements Comparable<Key> {
    private static final int SEED = ThreadLocalRandom.current().nextInt();

    private final byte[] bytes;
    private final int hash;

    private Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = murmur3(bytes, SEED);
    }

    private Key(byte[] bytes, int hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    /** A key whose hash is already known (a {@link KeyEntry}'s). */
    static Key of(byte[] bytes, int hash) {
        return new Key(bytes, hash);
    }

    public static Key of(byte[] bytes) {
        return new Key(bytes);
    }

    public static Key of(String text) {
        return new Key(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes themselves; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /** Orders like memcmp() on the bytes (unsigned), shorter first on a common prefix: sorted-set tie-break. */
    @Override
    public int compareTo(Key other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** MurmurHash3 x86 32-bit: fast, well mixed, and seedable. */
    private static int murmur3(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int j = i * 4;
            int k = (data[j] & 0xff) | (data[j + 1] & 0xff) << 8 | (data[j + 2] & 0xff) << 16 | (data[j + 3] & 0xff) << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int remaining = data.length & 3;
        if (remaining > 0) {
            int k = 0;
            for (int i = remaining - 1; i >= 0; i--) {
                k = (k << 8) | (data[tail + i] & 0xff);
            }
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
