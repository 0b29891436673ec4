package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans {@code reshard}: which slots move from which sources to the target.
 *
 * <p>As redis-cli: "all" sources are every master with slots except the target; sources are taken in order of slot
 * count, largest first (ties by id, so plans are deterministic); each source gives a share of the slots proportional
 * to the slots it owns, its lowest-numbered slots first.
 *
 * <p>Unlike redis-cli, the plan moves exactly the number of slots asked for. redis-cli rounds the first source's
 * share up and every other share down, so 10 slots from 4 equal sources move 3+2+2+2 = 9. Here every share is
 * rounded down and the slots left over go one each to the sources with the largest rounding remainders (ties: more
 * slots first, then id): 3+3+2+2 = 10. No share exceeds what its source owns.
 */
public final class ReshardPlanner {
    private ReshardPlanner() {
    }

    /** Largest first, then by id: the order sources give slots in. */
    static final Comparator<MasterSlots> SOURCE_ORDER = Comparator
            .comparingInt((MasterSlots m) -> m.slots().size()).reversed()
            .thenComparing(MasterSlots::id);

    /**
     * @param masters every master of the cluster (replicas left out) with the slots it owns
     * @throws PlanningException when the target is unknown or among the sources, a named source is unknown, listed
     *                           twice or owns no slots, there are no sources, or the number of slots is not from 1 to
     *                           what the sources own together
     */
    public static ReshardPlan plan(List<MasterSlots> masters, ReshardRequest request) {
        Objects.requireNonNull(masters, "masters");
        Objects.requireNonNull(request, "request");
        masters.forEach(m -> Objects.requireNonNull(m, "master"));
        PlanInputs.requireConsistent(masters, MasterSlots::id, MasterSlots::slots);
        Map<String, MasterSlots> byId = new LinkedHashMap<>();
        masters.forEach(m -> byId.put(m.id(), m));

        String targetId = request.targetId();
        if (!byId.containsKey(targetId)) {
            throw new PlanningException("The target node " + targetId + " is not a master of this cluster.");
        }
        List<MasterSlots> sources = request.fromAllMasters()
                ? allSources(masters, targetId)
                : namedSources(byId, request.sourceIds(), targetId);
        if (sources.isEmpty()) {
            throw new PlanningException("No source nodes: no master other than the target " + targetId
                    + " owns slots.");
        }
        long owned = sources.stream().mapToLong(m -> m.slots().size()).sum();
        if (request.slots() < 1 || request.slots() > owned) {
            throw new PlanningException("The number of slots to move must be from 1 to " + owned
                    + " (what the source nodes own), not " + request.slots() + ".");
        }
        sources.sort(SOURCE_ORDER);
        int[] shares = shares(sources, request.slots());
        List<SlotMove> moves = new ArrayList<>(request.slots());
        for (int i = 0; i < sources.size(); i++) {
            MasterSlots source = sources.get(i);
            source.slots().stream().limit(shares[i])
                    .forEach(slot -> moves.add(new SlotMove(slot, source.id(), targetId)));
        }
        return new ReshardPlan(moves);
    }

    private static List<MasterSlots> allSources(List<MasterSlots> masters, String targetId) {
        List<MasterSlots> sources = new ArrayList<>();
        for (MasterSlots m : masters) {
            if (!m.id().equals(targetId) && !m.slots().isEmpty()) {
                sources.add(m);
            }
        }
        return sources;
    }

    private static List<MasterSlots> namedSources(Map<String, MasterSlots> byId, List<String> ids, String targetId) {
        List<MasterSlots> sources = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            MasterSlots m = byId.get(id);
            if (m == null) {
                throw new PlanningException("The source node " + id + " is not a master of this cluster.");
            }
            if (id.equals(targetId)) {
                throw new PlanningException("The target node " + id + " cannot also be a source node.");
            }
            if (!seen.add(id)) {
                throw new PlanningException("The source node " + id + " is listed more than once.");
            }
            if (m.slots().isEmpty()) {
                throw new PlanningException("The source node " + id + " has no slots to give.");
            }
            sources.add(m);
        }
        return sources;
    }

    /**
     * Largest remainder in exact integer arithmetic: source i's exact share is {@code slots * own_i / total}; each
     * gets the floor, then the leftover slots go one each by largest remainder, ties to the earlier source (more
     * slots, then id), never beyond what a source owns.
     */
    static int[] shares(List<MasterSlots> sources, int slots) {
        long total = sources.stream().mapToLong(m -> m.slots().size()).sum();
        int n = sources.size();
        int[] shares = new int[n];
        long[] remainders = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            long numerator = (long) slots * sources.get(i).slots().size();
            shares[i] = (int) (numerator / total);
            remainders[i] = numerator % total;
            given += shares[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // Stable sort: equal remainders keep source order (more slots first, then id).
        order.sort(Comparator.comparingLong((Integer i) -> remainders[i]).reversed());
        long left = slots - given;
        for (int k = 0; left > 0; k = (k + 1) % n) {
            int i = order.get(k);
            if (shares[i] < sources.get(i).slots().size()) {
                shares[i]++;
                left--;
            }
        }
        return shares;
    }
}
