package dev.trib.planner.rdb;

import java.util.ArrayList;
import java.util.List;

/** Redis's intset blob: u32 element width (2, 4 or 8), u32 count, then the sorted integers, all little-endian. */
final class Intset {
    private Intset() {
    }

    static List<byte[]> members(byte[] blob) {
        if (blob.length < 8) {
            throw new RdbFormatException("intset too short");
        }
        long width = Bytes.le(blob, 0, 4);
        long count = Bytes.le(blob, 4, 4);
        if ((width != 2 && width != 4 && width != 8) || 8 + count * width != blob.length) {
            throw new RdbFormatException("bad intset header");
        }
        List<byte[]> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            out.add(Bytes.ascii(Bytes.signedLe(blob, 8 + i * (int) width, (int) width)));
        }
        return out;
    }
}
