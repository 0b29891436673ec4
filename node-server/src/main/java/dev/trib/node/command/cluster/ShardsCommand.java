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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CLUSTER SHARDS: per master (slot-less ones too) its slot ranges and its nodes. */
public record ShardsCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ClusterConfig c = cluster.config();
        Map<String, List<int[]>> ranges = c.rangesByOwner();
        List<RespReply> out = new ArrayList<>();
        for (ClusterNode master : c.nodes()) {
            if (!master.isMaster() || master.inHandshake()) {
                continue;
            }
            List<RespReply> slots = new ArrayList<>();
            for (int[] r : ranges.getOrDefault(master.id(), List.of())) {
                slots.add(Replies.integer(r[0]));
                slots.add(Replies.integer(r[1]));
            }
            List<RespReply> nodes = new ArrayList<>();
            nodes.add(node(master, "master"));
            for (ClusterNode r : c.replicasOf(master.id())) {
                nodes.add(node(r, "replica"));
            }
            out.add(Replies.map(List.of(BulkReply.of("slots"), Replies.array(slots), BulkReply.of("nodes"),
                    Replies.array(nodes))));
        }
        return Replies.array(out);
    }

    private static RespReply node(ClusterNode n, String role) {
        List<RespReply> f = new ArrayList<>();
        f.add(BulkReply.of("id"));
        f.add(BulkReply.of(n.id()));
        f.add(BulkReply.of("port"));
        f.add(Replies.integer(n.port()));
        f.add(BulkReply.of("ip"));
        f.add(BulkReply.of(n.ip()));
        f.add(BulkReply.of("endpoint"));
        f.add(BulkReply.of(n.ip()));
        if (!n.hostname().isEmpty()) {
            f.add(BulkReply.of("hostname"));
            f.add(BulkReply.of(n.hostname()));
        }
        f.add(BulkReply.of("role"));
        f.add(BulkReply.of(role));
        f.add(BulkReply.of("replication-offset"));
        f.add(Replies.integer(0));
        f.add(BulkReply.of("health"));
        // Replicas report "loading" until they have replicated something; none replicate yet.
        f.add(BulkReply.of(n.has(NodeFlags.FAIL) ? "fail" : n.isReplica() ? "loading" : "online"));
        return Replies.map(f);
    }
}
