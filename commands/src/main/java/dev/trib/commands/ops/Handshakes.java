package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeCommandException;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodeFlag;

import java.util.List;

/** Cluster handshakes trib starts with CLUSTER MEET, and the entries they leave behind. */
final class Handshakes {
    private Handshakes() {
    }

    /**
     * A MEET whose announcement another message (a routine ping) beat leaves a handshake entry until the meeting
     * node's next tick: in CLUSTER NODES, and able to meet a node that is reset meanwhile, which then is "not
     * empty". Waiting for it would cost up to a tick; forgetting it costs a command. Best effort: a node that
     * stops answering now is for the check that follows to report.
     */
    static void forgetLeftovers(List<NodeClient> nodes) {
        Parallel.map(nodes, c -> forgetLeftovers(c, c.clusterView()));
    }

    /** Forgets the handshake entries in a view just read from {@code node}; true if there were any. */
    static boolean forgetLeftovers(NodeClient node, ClusterView view) {
        boolean any = false;
        for (ClusterNode n : view.nodes()) {
            if (n.is(NodeFlag.HANDSHAKE)) {
                any = true;
                try {
                    node.forget(n.id());
                } catch (NodeCommandException resolvedMeanwhile) {
                    // "Unknown node": its handshake completed between the two commands
                }
            }
        }
        return any;
    }
}
