package dev.trib.planner.doctor;

import dev.trib.planner.topology.HostAndPort;

import java.util.List;
import java.util.Optional;

/**
 * Everything doctor judges: the nodes (entry first) and the figures the judgement uses.
 *
 * @param transferBytesPerSecond how fast a key's MEMORY USAGE bytes move with MIGRATE (serialise, send, restore)
 * @param rateMeasured           whether that rate was measured on this cluster rather than assumed
 */
public record DoctorInput(HostAndPort entry, List<NodeFacts> nodes, double transferBytesPerSecond,
                          boolean rateMeasured) {
    public DoctorInput {
        nodes = List.copyOf(nodes);
        if (transferBytesPerSecond <= 0) {
            throw new IllegalArgumentException("transfer rate must be positive");
        }
    }

    /** How long moving a key of this many MEMORY USAGE bytes is estimated to block its master, in ms. */
    public long moveMillis(long bytes) {
        return BigKeyCheck.moveMillis(bytes, transferBytesPerSecond);
    }

    public List<NodeFacts> reachable() {
        return nodes.stream().filter(NodeFacts::reachable).toList();
    }

    public List<NodeFacts> masters() {
        return nodes.stream().filter(NodeFacts::master).toList();
    }

    public Optional<NodeFacts> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public List<NodeFacts> replicasOf(String masterId) {
        return nodes.stream().filter(n -> n.masterId().filter(masterId::equals).isPresent()).toList();
    }
}
