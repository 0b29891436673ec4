package dev.trib.node.keyspace;

/** A score interval for ZCOUNT / ZRANGEBYSCORE; "(" makes an end exclusive. */
public record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {

    public boolean aboveMin(double score) {
        return minExclusive ? score > min : score >= min;
    }

    public boolean belowMax(double score) {
        return maxExclusive ? score < max : score <= max;
    }

    /** False when no score can be inside, e.g. min > max or (1 (1. */
    public boolean isSatisfiable() {
        return !(min > max || (min == max && (minExclusive || maxExclusive)));
    }
}
