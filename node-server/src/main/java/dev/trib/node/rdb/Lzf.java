package dev.trib.node.rdb;

/** LZF decompression, for the compressed strings redis-server writes into DUMP payloads and RDB files. */
public final class Lzf {
    private Lzf() {
    }

    /**
     * @param expected the uncompressed length the payload declares
     * @throws RdbFormatException when the input does not decode to exactly {@code expected} bytes
     */
    public static byte[] decompress(byte[] in, int expected) {
        byte[] out = new byte[expected];
        int ip = 0;
        int op = 0;
        try {
            while (ip < in.length) {
                int ctrl = in[ip++] & 0xff;
                if (ctrl < 32) {
                    int run = ctrl + 1;
                    System.arraycopy(in, ip, out, op, run);
                    ip += run;
                    op += run;
                } else {
                    int len = ctrl >> 5;
                    if (len == 7) {
                        len += in[ip++] & 0xff;
                    }
                    int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                    if (ref < 0) {
                        throw new RdbFormatException("LZF back reference before the start");
                    }
                    for (int k = 0; k < len + 2; k++) {
                        out[op++] = out[ref++];
                    }
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw new RdbFormatException("LZF data does not fit its declared length");
        }
        if (op != expected) {
            throw new RdbFormatException("LZF data shorter than its declared length");
        }
        return out;
    }
}
