package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLUSTER SETSLOT slot IMPORTING src | MIGRATING dst | NODE id | STABLE, with Redis 7.0's checks in order. */
public record SetSlotCommand(ClusterService cluster) implements Command {
    private static final ErrorReply ONLY_MASTERS = new ErrorReply("ERR Please use SETSLOT only with masters.");
    private static final ErrorReply BAD_ACTION = new ErrorReply(
            "ERR Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP");
    private static final ErrorReply NOT_MASTER = new ErrorReply("ERR Target node is not a master");

    @Override
    public RespReply execute(CommandRequest request) {
        ClusterConfig c = cluster.config();
        if (c.myself().isReplica()) {
            return ONLY_MASTERS;
        }
        int slot = SlotArgs.slot(request.arg(2));
        int argc = request.argc();
        if (request.argIs(3, "migrating") && argc == 5) {
            if (!c.myId().equals(c.owner(slot))) {
                return new ErrorReply("ERR I'm not the owner of hash slot " + slot);
            }
            ClusterNode n = c.node(SlotArgs.text(request.arg(4)));
            if (n == null) {
                return new ErrorReply("ERR I don't know about node " + SlotArgs.text(request.arg(4)));
            }
            if (n.isReplica()) {
                return NOT_MASTER;
            }
            cluster.store().update(cfg -> cfg.edit().migrating(slot, n.id()).build());
        } else if (request.argIs(3, "importing") && argc == 5) {
            if (c.myId().equals(c.owner(slot))) {
                return new ErrorReply("ERR I'm already the owner of hash slot " + slot);
            }
            ClusterNode n = c.node(SlotArgs.text(request.arg(4)));
            if (n == null) {
                return new ErrorReply("ERR I don't know about node " + SlotArgs.text(request.arg(4)));
            }
            if (n.isReplica()) {
                return NOT_MASTER;
            }
            cluster.store().update(cfg -> cfg.edit().importing(slot, n.id()).build());
        } else if (request.argIs(3, "stable") && argc == 4) {
            cluster.store().update(cfg -> cfg.edit().migrating(slot, null).importing(slot, null).build());
        } else if (request.argIs(3, "node") && argc == 5) {
            return assign(c, slot, SlotArgs.knownNode(c, request.arg(4)));
        } else {
            return BAD_ACTION;
        }
        return Replies.OK;
    }

    private RespReply assign(ClusterConfig c, int slot, ClusterNode n) {
        String id = n.id();
        if (n.isReplica()) {
            return NOT_MASTER;
        }
        int keys = cluster.keyspace().countKeysInSlot(slot);
        boolean wasMine = c.myId().equals(c.owner(slot));
        if (wasMine && !n.isMyself() && keys != 0) {
            return new ErrorReply("ERR Can't assign hashslot " + slot
                    + " to a different node while I still hold keys for this hash slot.");
        }
        boolean finishImport = n.isMyself() && c.importingFrom(slot) != null;
        cluster.store().update(cfg -> {
            ClusterConfig.Editor e = cfg.edit();
            if (keys == 0) {
                e.migrating(slot, null);
            }
            e.setOwner(slot, n.id());
            boolean replicaMigration = cluster.liveConfig().getBool(ConfigParameters.CLUSTER_ALLOW_REPLICA_MIGRATION);
            if (!n.isMyself() && wasMine && replicaMigration && e.slotCount(cfg.myId()) == 0) {
                // A master that gave away its last slot follows the node that took it.
                e.put(e.myself().asReplicaOf(n.id()));
                e.clearOpenSlots();
            }
            return e.build();
        });
        if (finishImport) {
            // The import is complete: claim the slot with a fresh epoch so the change wins everywhere.
            cluster.bumpEpochWithoutConsensus();
            cluster.store().update(cfg -> cfg.edit().importing(slot, null).build());
        }
        cluster.bus().broadcastPong();
        return Replies.OK;
    }
}
