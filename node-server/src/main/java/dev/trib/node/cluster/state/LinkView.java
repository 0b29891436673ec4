package dev.trib.node.cluster.state;

/** Link health of each node as the bus sees it, for CLUSTER NODES; times are epoch ms, 0 = never. */
public interface LinkView {
    LinkView NONE = new LinkView() {
        @Override
        public long pingSent(String id) {
            return 0;
        }

        @Override
        public long pongReceived(String id) {
            return 0;
        }

        @Override
        public boolean connected(String id) {
            return false;
        }
    };

    long pingSent(String id);

    long pongReceived(String id);

    /** Whether an outgoing link to the node exists (connected or connecting). */
    boolean connected(String id);
}
