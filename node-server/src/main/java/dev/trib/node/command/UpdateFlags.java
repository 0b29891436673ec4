package dev.trib.node.command;

/**
 * The condition words that EXPIRE and ZADD take in any order (NX, XX, GT, LT, and ZADD's CH and INCR), read one
 * argument at a time into a bit set: one parser for both, no allocation on the command path.
 */
public final class UpdateFlags {
    public static final int NX = 1;
    public static final int XX = 1 << 1;
    public static final int GT = 1 << 2;
    public static final int LT = 1 << 3;
    public static final int CH = 1 << 4;
    public static final int INCR = 1 << 5;
    /** Indexed by bit position. */
    private static final String[] WORDS = {"nx", "xx", "gt", "lt", "ch", "incr"};

    private UpdateFlags() {
    }

    /** The bit for the word at argument {@code index} when it is one of {@code allowed}; else 0. */
    public static int at(CommandRequest request, int index, int allowed) {
        for (int bit = 0; bit < WORDS.length; bit++) {
            if ((allowed & (1 << bit)) != 0 && request.argIs(index, WORDS[bit])) {
                return 1 << bit;
            }
        }
        return 0;
    }

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }
}
