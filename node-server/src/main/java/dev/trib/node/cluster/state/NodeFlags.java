package dev.trib.node.cluster.state;

import dev.trib.planner.topology.NodeFlag;

/**
 * Node flags as the cluster bus's bit values. The printed ones take their bits from planner's {@link NodeFlag},
 * which also spells them for CLUSTER NODES; MEET and MIGRATE_TO exist on the bus only.
 */
public final class NodeFlags {
    public static final int MASTER = NodeFlag.MASTER.busBit();
    public static final int SLAVE = NodeFlag.REPLICA.busBit();
    public static final int PFAIL = NodeFlag.PFAIL.busBit();
    public static final int FAIL = NodeFlag.FAIL.busBit();
    public static final int MYSELF = NodeFlag.MYSELF.busBit();
    public static final int HANDSHAKE = NodeFlag.HANDSHAKE.busBit();
    public static final int NOADDR = NodeFlag.NOADDR.busBit();
    public static final int MEET = 128;
    public static final int MIGRATE_TO = 256;
    public static final int NOFAILOVER = NodeFlag.NOFAILOVER.busBit();

    private NodeFlags() {
    }
}
