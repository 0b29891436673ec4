package dev.trib.node.command.cluster;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.text.IntegerText;
import dev.trib.planner.topology.KeySlots;

/** Slot and node arguments with CLUSTER's error texts. */
final class SlotArgs {
    static final ErrorReply INVALID_SLOT = new ErrorReply("ERR Invalid or out of range slot");

    private SlotArgs() {
    }

    /** getSlotOrReply: an integer in 0..16383. */
    static int slot(byte[] arg) {
        Long v = IntegerText.parse(arg);
        if (v == null || v < 0 || v >= KeySlots.COUNT) {
            throw Errors.fail(INVALID_SLOT);
        }
        return v.intValue();
    }

    static String text(byte[] arg) {
        return new String(arg, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A node the configuration knows, named by the argument; else "ERR Unknown node <id>" as every CLUSTER subcommand. */
    static ClusterNode knownNode(ClusterConfig c, byte[] arg) {
        String id = text(arg);
        ClusterNode n = c.node(id);
        if (n == null) {
            throw Errors.fail(new ErrorReply("ERR Unknown node " + id));
        }
        return n;
    }
}
