package dev.trib.planner.doctor;

import java.util.Comparator;
import java.util.List;

/**
 * The keys of a plan whose MIGRATE would block their master longer than half the cluster-node-timeout: one key
 * moves in one call, serialised, sent and restored while both masters wait, and past the timeout the source's
 * replicas start a failover mid-move. Pure.
 */
public final class BigKeyCheck {
    private BigKeyCheck() {
    }

    /** A key found in a moved slot, on its source. */
    public record BigKey(SampledKey key, String source, long moveMillis) {
        public String describe() {
            return "Key '" + key.name() + "' (" + Sizes.bytes(key.bytes()) + ", slot " + key.slot() + ") on " + source
                    + ": moving it would block about " + Sizes.millis(moveMillis);
        }
    }

    /** Longer than half the node timeout: what doctor warns about and the rail refuses. */
    public static boolean blocksTooLong(long moveMillis, long nodeTimeoutMs) {
        return moveMillis > nodeTimeoutMs / 2;
    }

    /** The keys above the threshold, largest first. */
    public static List<BigKey> blocking(List<BigKey> sized, long nodeTimeoutMs) {
        return sized.stream().filter(k -> blocksTooLong(k.moveMillis(), nodeTimeoutMs))
                .sorted(Comparator.comparingLong((BigKey k) -> k.key().bytes()).reversed()).toList();
    }

    /** How long moving this many MEMORY USAGE bytes blocks, at this rate. */
    public static long moveMillis(long bytes, double bytesPerSecond) {
        return (long) Math.ceil(bytes * 1000.0 / bytesPerSecond);
    }

    /** The refusal: the largest key, how many there are, the threshold and the ways out. */
    public static String refusal(List<BigKey> big, long nodeTimeoutMs) {
        String more = big.size() == 1 ? "" : " (and " + (big.size() - 1) + " more key" + (big.size() == 2 ? "" : "s")
                + " above it)";
        return big.get(0).describe() + more + ", more than half the cluster-node-timeout (" + nodeTimeoutMs
                + " ms): nothing was moved. Split it, raise the node timeout for the move (trib set-timeout), or "
                + "pass --allow-big-keys.";
    }
}
