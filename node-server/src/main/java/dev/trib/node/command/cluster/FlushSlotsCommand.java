package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.planner.topology.KeySlots;

/** CLUSTER FLUSHSLOTS: unassigns all my slots; only on an empty node. */
public record FlushSlotsCommand(ClusterService cluster) implements Command {
    private static final ErrorReply NOT_EMPTY = new ErrorReply("ERR DB must be empty to perform CLUSTER FLUSHSLOTS.");

    @Override
    public RespReply execute(CommandRequest request) {
        if (cluster.keyspace().size() != 0) {
            return NOT_EMPTY;
        }
        cluster.store().update(cfg -> {
            ClusterConfig.Editor e = cfg.edit();
            for (int s = 0; s < KeySlots.COUNT; s++) {
                if (cfg.myId().equals(cfg.owner(s))) {
                    e.setOwner(s, null);
                }
            }
            return e.build();
        });
        return Replies.OK;
    }
}
