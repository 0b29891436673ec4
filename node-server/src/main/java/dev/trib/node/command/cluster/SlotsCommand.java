package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.planner.topology.KeySlots;
import java.util.ArrayList;
import java.util.List;

/**
 * CLUSTER SLOTS: one entry per run of slots with the same owner, in slot order: start, end, the
 * master, then its non-failed replicas; each node is [ip, port, id, metadata].
 */
public record SlotsCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ClusterConfig c = cluster.config();
        List<RespReply> out = new ArrayList<>();
        int s = 0;
        while (s < KeySlots.COUNT) {
            String owner = c.owner(s);
            int start = s;
            while (s + 1 < KeySlots.COUNT && owner != null && owner.equals(c.owner(s + 1))) {
                s++;
            }
            if (owner != null) {
                List<RespReply> entry = new ArrayList<>();
                entry.add(Replies.integer(start));
                entry.add(Replies.integer(s));
                entry.add(node(c.node(owner)));
                for (ClusterNode r : c.replicasOf(owner)) {
                    if (!r.has(NodeFlags.FAIL)) {
                        entry.add(node(r));
                    }
                }
                out.add(Replies.array(entry));
            }
            s++;
        }
        return Replies.array(out);
    }

    static RespReply node(ClusterNode n) {
        List<RespReply> meta = new ArrayList<>();
        if (!n.hostname().isEmpty()) {
            meta.add(BulkReply.of("hostname"));
            meta.add(BulkReply.of(n.hostname()));
        }
        return Replies.array(List.of(BulkReply.of(n.ip()), Replies.integer(n.port()), BulkReply.of(n.id()),
                Replies.array(meta)));
    }
}
