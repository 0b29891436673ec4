package dev.trib.planner.doctor;

import dev.trib.planner.topology.HostAndPort;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What doctor read from (or knows about) one node. For an unreachable node only the identity is known, as the
 * entry node describes it.
 *
 * @param master      a master by its own (or the entry's) description
 * @param masterId    a replica's master
 * @param slots       how many slots it serves (a master)
 * @param failure     why it could not be reached, when not
 * @param readFailures what could not be read although the node answered (e.g. CONFIG GET refused by ACL)
 * @param version     INFO server's redis_version, empty when unknown
 * @param config      the CONFIG GET values doctor compares ({@link Settings#READ}), those it could read
 * @param usedMemory  INFO memory used_memory
 * @param maxmemory   maxmemory in bytes (0 = no limit)
 * @param link        a replica's own link status
 * @param replicas    a master's replicas as it lists them
 * @param keys        a master's key sample
 * @param acl         what ACL DRYRUN said about the user
 */
public record NodeFacts(
        String id,
        HostAndPort address,
        boolean master,
        Optional<String> masterId,
        int slots,
        Optional<String> failure,
        List<String> readFailures,
        String version,
        Map<String, String> config,
        OptionalLong usedMemory,
        OptionalLong maxmemory,
        Optional<ReplicaLink> link,
        List<ReplicaSeen> replicas,
        Optional<KeySample> keys,
        Optional<AclResult> acl) {

    public NodeFacts {
        readFailures = List.copyOf(readFailures);
        config = Map.copyOf(config);
        replicas = List.copyOf(replicas);
        if (master && masterId.isPresent()) {
            throw new IllegalArgumentException("a master has no master id");
        }
    }

    public static NodeFacts unreachable(String id, HostAndPort address, boolean master, Optional<String> masterId,
                                        int slots, String reason) {
        return new NodeFacts(id, address, master, masterId, slots, Optional.of(reason), List.of(), "", Map.of(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty());
    }

    public boolean reachable() {
        return failure.isEmpty();
    }

    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    /** {@code 127.0.0.1:7000 (abcd1234)}: how a message names one node. */
    public String label() {
        return address + " (" + shortId() + ")";
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(config.get(name));
    }
}
