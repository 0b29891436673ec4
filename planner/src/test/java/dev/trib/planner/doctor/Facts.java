package dev.trib.planner.doctor;

import dev.trib.planner.topology.HostAndPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Builds literal NodeFacts for tests: a healthy 7.0.15 node with the settings redis-server 7.0 starts with and
 * persistence on; each test changes only what its case is about.
 */
final class Facts {
    private final String id;
    private final HostAndPort address;
    private final boolean master;
    private final Optional<String> masterId;
    private int slots;
    private String version = "7.0.15";
    private final Map<String, String> config = new HashMap<>(Map.of(
            "cluster-node-timeout", "15000", "cluster-require-full-coverage", "yes",
            "cluster-allow-reads-when-down", "no", "cluster-migration-barrier", "1",
            "cluster-allow-replica-migration", "yes", "maxmemory-policy", "noeviction",
            "client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
            "proto-max-bulk-len", "536870912", "maxmemory", "0", "appendonly", "yes"));
    private long used = 2_000_000;
    private ReplicaLink link;
    private final List<ReplicaSeen> replicas = new ArrayList<>();
    private KeySample keys;
    private AclResult acl;
    private final List<String> readFailures = new ArrayList<>();

    private Facts(String id, String address, boolean master, String masterId) {
        this.id = id;
        this.address = HostAndPort.parse(address);
        this.master = master;
        this.masterId = Optional.ofNullable(masterId);
        config.put("save", "3600 1 300 100 60 10000");
        if (!master) {
            link = new ReplicaLink(true, false, -1);
        }
    }

    static Facts master(String id, String address, int slots) {
        Facts f = new Facts(id, address, true, null);
        f.slots = slots;
        return f;
    }

    static Facts replica(String id, String address, String masterId) {
        return new Facts(id, address, false, masterId);
    }

    static NodeFacts unreachableMaster(String id, String address, int slots) {
        return NodeFacts.unreachable(id, HostAndPort.parse(address), true, Optional.empty(), slots,
                "connection refused");
    }

    static NodeFacts unreachableReplica(String id, String address, String masterId) {
        return NodeFacts.unreachable(id, HostAndPort.parse(address), false, Optional.of(masterId), 0,
                "connection refused");
    }

    Facts set(String name, String value) {
        config.put(name, value);
        return this;
    }

    Facts without(String name) {
        config.remove(name);
        return this;
    }

    Facts version(String v) {
        version = v;
        return this;
    }

    Facts memory(long usedBytes, long maxmemory) {
        used = usedBytes;
        config.put("maxmemory", Long.toString(maxmemory));
        return this;
    }

    Facts link(ReplicaLink l) {
        link = l;
        return this;
    }

    Facts seen(String address, String state, long lag) {
        replicas.add(new ReplicaSeen(HostAndPort.parse(address), state, 1000, lag));
        return this;
    }

    Facts keys(long scanned, boolean full, SampledKey... largest) {
        keys = new KeySample(scanned, full, List.of(largest));
        return this;
    }

    Facts acl(String user, String... denied) {
        acl = AclResult.checked(user, Set.of(denied));
        return this;
    }

    Facts aclUnchecked(String user, AclResult.Status status, String detail) {
        acl = AclResult.unchecked(user, status, detail);
        return this;
    }

    Facts readFailure(String what) {
        readFailures.add(what);
        return this;
    }

    NodeFacts build() {
        return new NodeFacts(id, address, master, masterId, slots, Optional.empty(), readFailures, version, config,
                OptionalLong.of(used), OptionalLong.of(Long.parseLong(config.getOrDefault("maxmemory", "0"))),
                Optional.ofNullable(link), replicas, Optional.ofNullable(keys), Optional.ofNullable(acl));
    }
}
