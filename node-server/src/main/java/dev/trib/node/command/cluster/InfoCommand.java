package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.VerbatimReply;
import dev.trib.node.resp.RespReply;
import dev.trib.planner.topology.KeySlots;

/** CLUSTER INFO with Redis 7.0's fields, CRLF terminated. */
public record InfoCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ClusterConfig c = cluster.config();
        int assigned = 0;
        int ok = 0;
        int pfail = 0;
        int fail = 0;
        for (int s = 0; s < KeySlots.COUNT; s++) {
            ClusterNode n = c.ownerNode(s);
            if (n == null) {
                continue;
            }
            assigned++;
            if (n.has(NodeFlags.FAIL)) {
                fail++;
            } else if (n.has(NodeFlags.PFAIL)) {
                pfail++;
            } else {
                ok++;
            }
        }
        int size = cluster.size();
        StringBuilder sb = new StringBuilder();
        sb.append("cluster_state:").append(cluster.stateOk() ? "ok" : "fail").append("\r\n");
        sb.append("cluster_slots_assigned:").append(assigned).append("\r\n");
        sb.append("cluster_slots_ok:").append(ok).append("\r\n");
        sb.append("cluster_slots_pfail:").append(pfail).append("\r\n");
        sb.append("cluster_slots_fail:").append(fail).append("\r\n");
        sb.append("cluster_known_nodes:").append(c.size()).append("\r\n");
        sb.append("cluster_size:").append(size).append("\r\n");
        sb.append("cluster_current_epoch:").append(c.currentEpoch()).append("\r\n");
        sb.append("cluster_my_epoch:").append(c.effectiveConfigEpoch(c.myself())).append("\r\n");
        cluster.stats().appendTo(sb);
        sb.append("total_cluster_links_buffer_limit_exceeded:0\r\n");
        return VerbatimReply.of(sb.toString());
    }
}
