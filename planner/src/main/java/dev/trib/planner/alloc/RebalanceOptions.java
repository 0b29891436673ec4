package dev.trib.planner.alloc;

/**
 * Options of {@code rebalance}.
 *
 * @param thresholdPercent rebalance only when some master is more than this many percent off its expected share
 *                         (redis-cli {@code --cluster-threshold}, default 2); 0 rebalances on any difference
 * @param useEmptyMasters  let masters without slots take part ({@code --cluster-use-empty-masters})
 */
public record RebalanceOptions(double thresholdPercent, boolean useEmptyMasters) {

    public static final double DEFAULT_THRESHOLD = 2.0;

    /** Threshold 2 %, empty masters left out: redis-cli's defaults. */
    public static RebalanceOptions defaults() {
        return new RebalanceOptions(DEFAULT_THRESHOLD, false);
    }

    public RebalanceOptions withThreshold(double percent) {
        return new RebalanceOptions(percent, useEmptyMasters);
    }

    public RebalanceOptions withUseEmptyMasters(boolean use) {
        return new RebalanceOptions(thresholdPercent, use);
    }
}
