package dev.trib.node.command.hll;

/**
 * Austin Appleby's MurmurHash64A over bytes read as little-endian 64-bit words, the hash Redis's HyperLogLog uses
 * (seed 0xadc83b19): the same element must land in the same register with the same run length as in redis-server,
 * or the stored bytes would differ.
 */
final class MurmurHash64A {
    static final long HLL_SEED = 0xadc83b19L;
    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;

    private MurmurHash64A() {
    }

    static long hash(byte[] data, long seed) {
        int len = data.length;
        long h = seed ^ (len * M);
        int blocks = len - (len & 7);
        for (int i = 0; i < blocks; i += 8) {
            long k = 0;
            for (int b = 7; b >= 0; b--) {
                k = (k << 8) | (data[i + b] & 0xffL);
            }
            k *= M;
            k ^= k >>> R;
            k *= M;
            h ^= k;
            h *= M;
        }
        int tail = len & 7;
        if (tail > 0) {
            for (int b = tail - 1; b >= 0; b--) {
                h ^= (data[blocks + b] & 0xffL) << (8 * b);
            }
            h *= M;
        }
        h ^= h >>> R;
        h *= M;
        h ^= h >>> R;
        return h;
    }
}
