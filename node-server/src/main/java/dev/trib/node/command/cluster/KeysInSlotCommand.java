package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.planner.topology.KeySlots;
import java.util.ArrayList;
import java.util.List;

/** CLUSTER GETKEYSINSLOT slot count and CLUSTER COUNTKEYSINSLOT slot. */
public record KeysInSlotCommand(ClusterService cluster, boolean list) implements Command {
    private static final ErrorReply INVALID_SLOT_OR_COUNT = new ErrorReply("ERR Invalid slot or number of keys");
    private static final ErrorReply INVALID_SLOT = new ErrorReply("ERR Invalid slot");

    public static KeysInSlotCommand get(ClusterService cluster) {
        return new KeysInSlotCommand(cluster, true);
    }

    public static KeysInSlotCommand count(ClusterService cluster) {
        return new KeysInSlotCommand(cluster, false);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long slot = Args.toLong(request.arg(2));
        if (!list) {
            if (slot < 0 || slot >= KeySlots.COUNT) {
                return INVALID_SLOT;
            }
            return Replies.integer(cluster.keyspace().countKeysInSlot((int) slot));
        }
        long count = Args.toLong(request.arg(3));
        if (slot < 0 || slot >= KeySlots.COUNT || count < 0) {
            return INVALID_SLOT_OR_COUNT;
        }
        List<RespReply> out = new ArrayList<>();
        for (Key k : cluster.keyspace().keysInSlot((int) slot, (int) Math.min(count, Integer.MAX_VALUE))) {
            out.add(new BulkReply(k.bytes()));
        }
        return Replies.array(out);
    }
}
