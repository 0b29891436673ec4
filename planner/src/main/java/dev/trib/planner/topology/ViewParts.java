package dev.trib.planner.topology;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The parts that the views of one cluster repeat, each kept once: ids, addresses, master ids and slot sets. A
 * load of 150 nodes parses 22,500 lines naming the same 150 nodes; kept per line they were most of what a check
 * holds (15 MB at 150 nodes, copied by every young collection of a short run). Safe to share between threads;
 * it forgets everything past {@link #LIMIT} entries of a kind, so a command that re-reads views for hours while
 * slots move (each move makes new slot sets) stays bounded.
 */
public final class ViewParts {
    static final int LIMIT = 20_000;

    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final Map<String, NodeAddress> addresses = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> masters = new ConcurrentHashMap<>();
    private final Map<String, SlotSet> slots = new ConcurrentHashMap<>();

    String id(String id) {
        return canonical(ids, id, Function.identity());
    }

    NodeAddress address(String field, Function<String, NodeAddress> parse) {
        return canonical(addresses, field, parse);
    }

    Optional<String> master(String field) {
        return canonical(masters, field, f -> Optional.of(id(f)));
    }

    /** The slot set of a line's slot fields, spelled as they are (ranges and single slots, no open-slot marker). */
    SlotSet slots(String fields, Function<String, SlotSet> parse) {
        return canonical(slots, fields, parse);
    }

    private static <V> V canonical(Map<String, V> map, String key, Function<String, V> make) {
        V known = map.get(key);
        if (known != null) {
            return known;
        }
        if (map.size() >= LIMIT) {
            map.clear();
        }
        V made = make.apply(key);
        V raced = map.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }
}
