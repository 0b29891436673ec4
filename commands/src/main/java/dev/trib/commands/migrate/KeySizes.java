package dev.trib.commands.migrate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the safety rails measured of the keys a plan moves, so the engine needs no round trip of its own to size
 * them: the big keys (moved alone, at the end of their slot, each with a timeout sized to it) and each moved slot's
 * mean key size (a pipelined MIGRATE of n keys carries about n times it). Immutable.
 *
 * @param bigKeys        per slot, the big keys' names (as text) and MEMORY USAGE bytes
 * @param meanKeyBytes   per slot, the mean MEMORY USAGE of the other sampled keys; missing: not sampled
 * @param bytesPerSecond the transfer rate the rails assumed (0: none given)
 */
public record KeySizes(Map<Integer, Map<String, Long>> bigKeys, Map<Integer, Long> meanKeyBytes,
                       double bytesPerSecond) {
    /** Nothing known: every call gets the user's timeout, and no key is held back. */
    public static final KeySizes NONE = new KeySizes(Map.of(), Map.of(), 0);

    /** A key named big, with its slot and MEMORY USAGE. */
    public record BigKey(int slot, String name, long bytes) {
    }

    public KeySizes {
        Map<Integer, Map<String, Long>> copy = new HashMap<>();
        bigKeys.forEach((slot, keys) -> copy.put(slot, Map.copyOf(keys)));
        bigKeys = Map.copyOf(copy);
        meanKeyBytes = Map.copyOf(meanKeyBytes);
    }

    public static KeySizes of(List<BigKey> big, Map<Integer, Long> meanKeyBytes, double bytesPerSecond) {
        Map<Integer, Map<String, Long>> bySlot = new HashMap<>();
        for (BigKey k : big) {
            bySlot.computeIfAbsent(k.slot(), s -> new HashMap<>()).put(k.name(), k.bytes());
        }
        return new KeySizes(bySlot, meanKeyBytes, bytesPerSecond);
    }

    /** The big keys, in no particular order. */
    public List<BigKey> bigKeyList() {
        return bigKeys.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream()
                .map(k -> new BigKey(e.getKey(), k.getKey(), k.getValue()))).toList();
    }

    /** How many keys of the slot are big. */
    public int bigCount(int slot) {
        return bigKeys.getOrDefault(slot, Map.of()).size();
    }

    /** The key's bytes when it was named big. */
    public OptionalLong big(int slot, String name) {
        Long bytes = bigKeys.getOrDefault(slot, Map.of()).get(name);
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /** Estimated bytes of a pipelined MIGRATE of {@code keys} ordinary keys of the slot (0 when not sampled). */
    public long batchBytes(int slot, int keys) {
        return meanKeyBytes.getOrDefault(slot, 0L) * keys;
    }
}
