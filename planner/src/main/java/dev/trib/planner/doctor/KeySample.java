package dev.trib.planner.doctor;

import java.util.Comparator;
import java.util.List;

/**
 * What the SCAN sample of one master found.
 *
 * @param scanned how many keys were sized
 * @param full    the whole keyspace was scanned (not a sample)
 * @param largest the largest keys found, largest first (at most {@link #KEPT})
 */
public record KeySample(long scanned, boolean full, List<SampledKey> largest) {
    /** Keys kept per master: the report names the biggest, not every key. */
    public static final int KEPT = 10;

    public KeySample {
        largest = largest.stream().sorted(Comparator.comparingLong(SampledKey::bytes).reversed()
                .thenComparing(SampledKey::name)).limit(KEPT).toList();
    }
}
