package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterBusControl.LinkInfo;
import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** CLUSTER LINKS: one map per bus link (flat in RESP2). */
public record LinksCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        List<RespReply> out = new ArrayList<>();
        for (LinkInfo l : cluster.bus().linkInfo()) {
            out.add(Replies.map(List.of(
                    BulkReply.of("direction"), BulkReply.of(l.direction()),
                    BulkReply.of("node"), BulkReply.of(l.node()),
                    BulkReply.of("create-time"), Replies.integer(l.createTime()),
                    BulkReply.of("events"), BulkReply.of(l.events()),
                    BulkReply.of("send-buffer-allocated"), Replies.integer(l.sendBufferAllocated()),
                    BulkReply.of("send-buffer-used"), Replies.integer(l.sendBufferUsed()))));
        }
        return Replies.array(out);
    }
}
