package dev.trib.node.cluster.state;

import java.util.ArrayList;
import java.util.List;

/** Node flags with the cluster bus's bit values, and their CLUSTER NODES spelling and order. */
public final class NodeFlags {
    public static final int MASTER = 1;
    public static final int SLAVE = 2;
    public static final int PFAIL = 4;
    public static final int FAIL = 8;
    public static final int MYSELF = 16;
    public static final int HANDSHAKE = 32;
    public static final int NOADDR = 64;
    public static final int MEET = 128;
    public static final int MIGRATE_TO = 256;
    public static final int NOFAILOVER = 512;

    private static final int[] PRINTED = {MYSELF, MASTER, SLAVE, PFAIL, FAIL, HANDSHAKE, NOADDR, NOFAILOVER};
    private static final String[] NAMES = {"myself", "master", "slave", "fail?", "fail", "handshake", "noaddr",
        "nofailover"};

    private NodeFlags() {
    }

    /** e.g. "myself,master"; "noflags" when none of the printed flags is set. */
    public static String render(int flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < PRINTED.length; i++) {
            if ((flags & PRINTED[i]) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out.isEmpty() ? "noflags" : String.join(",", out);
    }

    /** Parses the comma list written by {@link #render}; unknown words are ignored. */
    public static int parse(String text) {
        int flags = 0;
        for (String word : text.split(",")) {
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(word)) {
                    flags |= PRINTED[i];
                }
            }
        }
        return flags;
    }
}
