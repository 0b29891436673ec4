package dev.trib.cli.output;

import java.util.List;

/**
 * Lists that grow with the cluster (a plan's moves, a rebalance's masters): whole up to {@link #WHOLE} lines, else
 * the first {@link #HEAD} and one line saying how many more and how to see them, so a 250-node plan stays a screen.
 */
public final class Listing {
    static final int WHOLE = 24;
    static final int HEAD = 12;

    private Listing() {
    }

    /** Prints the lines as progress detail (silent under --quiet); all of them when {@code whole}. */
    public static void print(Printer p, List<String> lines, boolean whole, String what, String seeAll) {
        if (whole || lines.size() <= WHOLE) {
            lines.forEach(p::detail);
            return;
        }
        lines.subList(0, HEAD).forEach(p::detail);
        p.detail("  ... and " + (lines.size() - HEAD) + " more " + what + " (" + seeAll + ")");
    }
}
