package dev.trib.commands.exec;

import dev.trib.commands.node.NodeClient;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Waits shared by the operations that change slot ownership. */
public final class ClusterWaits {
    private ClusterWaits() {
    }

    /**
     * Until every node has the same slot map. Right after a move, nodes disagree for a moment while the new
     * owner's epoch spreads; a report taken then would show a problem that is not there.
     */
    public static void awaitAgreement(List<NodeClient> nodes, Duration timeout) {
        Waits.until(timeout, () -> {
            String first = null;
            for (var o : Parallel.map(nodes, n -> n.clusterView().slotSignature())) {
                if (!o.ok()) {
                    return Optional.of(o.input().address() + " did not answer: " + o.error().getMessage());
                }
                if (first == null) {
                    first = o.value();
                } else if (!first.equals(o.value())) {
                    return Optional.of(o.input().address() + " does not agree with the others about slot owners yet");
                }
            }
            return Optional.empty();
        });
    }
}
