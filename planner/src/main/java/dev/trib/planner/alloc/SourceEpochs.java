package dev.trib.planner.alloc;

import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whether the sources of a run may give slots away: closing a slot is safe only while its source's epoch stays below
 * the one its target claims the slot with.
 *
 * <p>A slot is closed with SETSLOT NODE on the target, which takes an epoch without consensus (its current epoch
 * + 1, or its own when that is already the highest it knows), then on the source. In between both claim the slot,
 * and whoever claims with the higher epoch keeps it. If the source's epoch rises above the target's meanwhile, the
 * target hands the slot back and deletes its keys, the source then gives it away, and nobody owns it. A source's
 * epoch rises when another master takes the same one (the node with the smaller id of the two takes a new epoch):
 * on a 250-node cluster, a master drained right after it had taken slots itself lost five such collisions in a
 * minute and then one slot and its 10 keys. A source is settled, and its epoch can no longer rise or be undercut,
 * once
 * <ul>
 * <li>no other master claims its epoch (no collision can raise it);</li>
 * <li>each of its targets counts an epoch at least as high and sees the source with it (a target bumps to its
 * current epoch + 1, or claims with the highest epoch it knows when that is its own);</li>
 * <li>each master in a collision with another counts an epoch at least as high (the one of the two that takes a
 * new epoch takes its current + 1, which must not be the source's). Other masters take no epoch during a run.</li>
 * </ul>
 */
public final class SourceEpochs {

    private SourceEpochs() {
    }

    /**
     * What keeps a source unsettled: another master ({@code otherId}) that shares its epoch, counts a lower one, or
     * (a target) sees an older one. Either cure is the same: the two exchange a message.
     */
    public record Lag(String sourceId, String otherId, String reason) {
    }

    /**
     * Everything that keeps a source of the moves unsettled, source by source; empty when all are settled. A
     * settled cluster costs one pass over the masters per source.
     */
    public static List<Lag> unsettled(ClusterSnapshot snapshot, List<SlotMove> moves) {
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        for (SlotMove m : moves) {
            targets.computeIfAbsent(m.sourceId(), k -> new HashSet<>()).add(m.targetId());
        }
        Map<Long, Integer> holders = new HashMap<>();
        for (NodeReport m : snapshot.masters()) {
            if (m.reachable()) {
                holders.merge(m.self().configEpoch(), 1, Integer::sum);
            }
        }
        List<Lag> out = new ArrayList<>();
        targets.forEach((source, its) -> out.addAll(lags(snapshot, source, its, holders)));
        return out;
    }

    /**
     * The sources whose rounds may be closed together, every target at once and then the source: those that are no
     * target of these moves (a target takes a new epoch when it closes, which would unsettle it as a source).
     */
    public static Set<String> closableTogether(List<SlotMove> moves) {
        Set<String> targets = new HashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (SlotMove m : moves) {
            targets.add(m.targetId());
            sources.add(m.sourceId());
        }
        sources.removeAll(targets);
        return Set.copyOf(sources);
    }

    private static List<Lag> lags(ClusterSnapshot snapshot, String sourceId, Set<String> targets,
                                  Map<Long, Integer> holders) {
        NodeReport source = snapshot.node(sourceId).orElse(null);
        if (source == null || !source.reachable()) {
            return List.of(); // the move itself reports an unreachable source
        }
        long epoch = source.self().configEpoch();
        String name = source.address() + " (epoch " + epoch + ")";
        List<Lag> out = new ArrayList<>();
        for (NodeReport m : snapshot.masters()) {
            if (m.id().equals(sourceId) || !m.reachable()) {
                continue;
            }
            long own = m.self().configEpoch();
            if (own == epoch) {
                out.add(new Lag(sourceId, m.id(), name + " shares its epoch with " + m.address()));
                continue;
            }
            boolean target = targets.contains(m.id());
            OptionalLong current = currentEpoch(m.clusterInfo());
            if ((target || holders.getOrDefault(own, 0) > 1) && (current.isEmpty() || current.getAsLong() < epoch)) {
                out.add(new Lag(sourceId, m.id(), m.address() + " counts epoch "
                        + (current.isEmpty() ? "?" : Long.toString(current.getAsLong())) + ", below " + name));
                continue;
            }
            Optional<ClusterNode> seen = m.view().flatMap(v -> v.node(sourceId));
            if (target && (seen.isEmpty() || seen.get().configEpoch() != epoch)) {
                out.add(new Lag(sourceId, m.id(), m.address() + " sees " + name + " at epoch "
                        + seen.map(n -> Long.toString(n.configEpoch())).orElse("?")));
            }
        }
        return out;
    }

    private static OptionalLong currentEpoch(Map<String, String> clusterInfo) {
        try {
            String v = clusterInfo.get("cluster_current_epoch");
            return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
