package dev.trib.planner.alloc;

import dev.trib.planner.check.ClusterSnapshot;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which master a replica should follow when the user did not say: among the masters whose data the replica's server
 * can load (same or older RDB format: data flows from older servers to newer ones), the one with the fewest
 * replicas, as redis-cli picks; among equals one on another host than the replica (so one host going down does not
 * take a master and its replica), then the first in cluster order.
 */
public final class MasterForReplica {
    /** A master that may take a replica; host is its IP. */
    public record Candidate(String id, String host, int replicas, ServerRelease release) {
        public Candidate(String id, String host, int replicas) {
            this(id, host, replicas, ServerRelease.UNSTATED);
        }
    }

    private MasterForReplica() {
    }

    /** Empty when there is no candidate at all; versions are not looked at. */
    public static Optional<Candidate> choose(List<Candidate> masters, String replicaHost) {
        return masters.stream().min(Comparator.comparingInt(Candidate::replicas)
                .thenComparing(m -> m.host().equals(replicaHost)));
    }

    /** Empty when no candidate runs a server whose data a {@code replica} server can load. */
    public static Optional<Candidate> choose(List<Candidate> masters, String replicaHost, ServerRelease replica) {
        return choose(masters.stream().filter(m -> replica.canReplicate(m.release())).toList(), replicaHost);
    }

    /** The candidates with the releases their servers run (ids missing from the map keep theirs). */
    public static List<Candidate> withReleases(List<Candidate> masters, Map<String, ServerRelease> releases) {
        return masters.stream().map(m -> new Candidate(m.id(), m.host(), m.replicas(),
                releases.getOrDefault(m.id(), m.release()))).toList();
    }

    /**
     * The reachable masters that serve slots, in snapshot order, with their replica counts (a dead replica does not
     * count: it protects nothing); the excluded ids (a node being removed) are left out. A slot-less master is no candidate: its replicas would protect no data.
     */
    public static List<Candidate> candidates(ClusterSnapshot s, Collection<String> excluded) {
        return s.masters().stream()
                .filter(m -> m.reachable() && !m.self().slots().isEmpty() && !excluded.contains(m.id()))
                .map(m -> new Candidate(m.id(), m.self().address().hasIp() ? m.self().address().ip()
                        : m.address().host(), (int) s.replicasOf(m.id()).stream()
                        .filter(r -> r.reachable() && !excluded.contains(r.id())).count()))
                .toList();
    }

    /** The candidate list after one more replica was given to id. */
    public static List<Candidate> withOneMore(List<Candidate> masters, String id) {
        return masters.stream().map(m -> m.id().equals(id)
                ? new Candidate(m.id(), m.host(), m.replicas() + 1, m.release()) : m).toList();
    }
}
