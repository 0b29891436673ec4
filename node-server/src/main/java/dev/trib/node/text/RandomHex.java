package dev.trib.node.text;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random names: node ids, replication ids, run ids, ACL GENPASS. */
public final class RandomHex {
    private RandomHex() {
    }

    /** 2n lower-case hex digits from a strong random source. */
    public static String of(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
