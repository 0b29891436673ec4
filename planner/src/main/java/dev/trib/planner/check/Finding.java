package dev.trib.planner.check;

import dev.trib.planner.topology.SlotSet;

import java.util.List;

/**
 * One problem found by a check.
 *
 * @param message one line in redis-cli's wording where redis-cli has one (without the {@code [ERR]} prefix)
 * @param slots   the slots concerned (empty when none)
 * @param nodes   the ids of the nodes concerned
 */
public record Finding(FindingKind kind, Severity severity, String message, SlotSet slots, List<String> nodes) {
    public Finding {
        nodes = List.copyOf(nodes);
    }
}
