package dev.trib.planner.topology;

import java.util.Locale;
import java.util.Optional;

/** The flags of a CLUSTER NODES line, in the order Redis prints them. */
public enum NodeFlag {
    MYSELF("myself"),
    MASTER("master"),
    REPLICA("slave"),
    PFAIL("fail?"),
    FAIL("fail"),
    HANDSHAKE("handshake"),
    NOADDR("noaddr"),
    NOFAILOVER("nofailover");

    private final String token;

    NodeFlag(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** Maps a CLUSTER NODES flag token; {@code noflags} and unknown tokens map to empty. */
    public static Optional<NodeFlag> fromToken(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        if (t.equals("replica")) {
            return Optional.of(REPLICA);
        }
        for (NodeFlag f : values()) {
            if (f.token.equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
