package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.RandomHex;
import dev.trib.planner.topology.KeySlots;

/**
 * CLUSTER RESET [SOFT|HARD]: become a master with no slots that knows nobody; HARD also zeroes
 * the epochs and takes a new node id.
 */
public record ResetCommand(ClusterService cluster) implements Command {
    private static final ErrorReply MASTER_WITH_KEYS =
            new ErrorReply("ERR CLUSTER RESET can't be called with master nodes containing keys");

    @Override
    public RespReply execute(CommandRequest request) {
        boolean hard = false;
        if (request.argc() == 3) {
            if (request.argIs(2, "hard")) {
                hard = true;
            } else if (!request.argIs(2, "soft")) {
                return Errors.SYNTAX;
            }
        } else if (request.argc() > 3) {
            return Errors.SYNTAX;
        }
        if (cluster.config().myself().isMaster() && cluster.keyspace().size() != 0) {
            return MASTER_WITH_KEYS;
        }
        if (cluster.config().myself().isReplica()) {
            // A replica drops its data when it stops following its master.
            cluster.keyspace().flush();
        }
        boolean hardReset = hard;
        cluster.bus().reset();
        cluster.store().update(cfg -> {
            ClusterConfig.Editor e = cfg.edit();
            e.put(cfg.myself().asMaster());
            e.clearOpenSlots();
            for (int s = 0; s < KeySlots.COUNT; s++) {
                e.setOwner(s, null);
            }
            for (ClusterNode n : cfg.nodes()) {
                if (!n.isMyself()) {
                    e.remove(n.id());
                }
            }
            if (hardReset) {
                e.currentEpoch(0).lastVoteEpoch(0);
                e.put(e.myself().withConfigEpoch(0));
                e.rename(cfg.myId(), RandomHex.of(20));
            }
            return e.build();
        });
        return Replies.OK;
    }
}
