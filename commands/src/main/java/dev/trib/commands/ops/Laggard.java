package dev.trib.commands.ops;

import java.time.Duration;

/**
 * One node's time behind the others, for the waits that nudge stragglers: a master the node is wrong about meets
 * it again, which makes that master send it its slots and epoch at once. Gossip alone can leave one node of 150
 * behind for 20 s or more; a nudge is due once the node has been behind {@link #NUDGE_AFTER}, then again each
 * NUDGE_AFTER while it stays behind. Touched by one poll at a time.
 */
final class Laggard {
    /** How long a node may lag before it is nudged, and between two nudges. */
    static final Duration NUDGE_AFTER = Duration.ofMillis(1000);

    private boolean behind;
    private long since; // System.nanoTime() of the first sighting behind, or of the last nudge

    /** The node was seen behind: true when a nudge is due now (its clock then starts again). */
    boolean nudgeDue() {
        long now = System.nanoTime();
        if (!behind) {
            behind = true;
            since = now;
            return false;
        }
        if (now - since < NUDGE_AFTER.toNanos()) {
            return false;
        }
        since = now;
        return true;
    }

    /** The node was seen caught up: a later lag starts a new clock. */
    void caughtUp() {
        behind = false;
    }
}
