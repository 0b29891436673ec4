package dev.trib.planner.alloc;

import java.util.List;
import java.util.Objects;

/**
 * What the user asked {@code reshard} for.
 *
 * @param sourceIds the masters to take slots from; empty means "all": every master with slots except the target
 * @param targetId  the master that receives the slots
 * @param slots     how many slots to move
 */
public record ReshardRequest(List<String> sourceIds, String targetId, int slots) {

    public ReshardRequest {
        sourceIds = List.copyOf(sourceIds);
        Objects.requireNonNull(targetId, "targetId");
    }

    /** Take from every master with slots except the target ({@code --cluster-from all}). */
    public static ReshardRequest fromAll(String targetId, int slots) {
        return new ReshardRequest(List.of(), targetId, slots);
    }

    public boolean fromAllMasters() {
        return sourceIds.isEmpty();
    }
}
