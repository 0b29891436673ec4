package dev.trib.planner.topology;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The flags of a CLUSTER NODES line, in the order Redis prints them, with the bit each has in the cluster bus's
 * flags field (the bus also has MEET 128 and MIGRATE_TO 256, which CLUSTER NODES never prints).
 */
public enum NodeFlag {
    MYSELF("myself", 16),
    MASTER("master", 1),
    REPLICA("slave", 2),
    PFAIL("fail?", 4),
    FAIL("fail", 8),
    HANDSHAKE("handshake", 32),
    NOADDR("noaddr", 64),
    NOFAILOVER("nofailover", 512);

    private static final NodeFlag[] ALL = values();

    private final String token;
    private final int busBit;

    NodeFlag(String token, int busBit) {
        this.token = token;
        this.busBit = busBit;
    }

    public String token() {
        return token;
    }

    public int busBit() {
        return busBit;
    }

    /** The printed flags among bus flag bits; other bits are left out. */
    public static Set<NodeFlag> fromBusBits(int bits) {
        EnumSet<NodeFlag> out = EnumSet.noneOf(NodeFlag.class);
        for (NodeFlag f : ALL) {
            if ((bits & f.busBit) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    public static int busBits(Set<NodeFlag> flags) {
        int bits = 0;
        for (NodeFlag f : flags) {
            bits |= f.busBit;
        }
        return bits;
    }

    /** Maps a CLUSTER NODES flag token; {@code noflags} and unknown tokens map to empty. */
    public static Optional<NodeFlag> fromToken(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        if (t.equals("replica")) {
            return Optional.of(REPLICA);
        }
        for (NodeFlag f : ALL) {
            if (f.token.equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
