package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.planner.topology.KeySlots;

/**
 * CLUSTER ADDSLOTS / DELSLOTS slot... and ADDSLOTSRANGE / DELSLOTSRANGE start end...: every slot
 * is checked before any changes, so one bad slot leaves the table untouched.
 */
public record AddSlotsCommand(ClusterService cluster, boolean delete, boolean ranges) implements Command {
    public static AddSlotsCommand addSlots(ClusterService cluster) {
        return new AddSlotsCommand(cluster, false, false);
    }

    public static AddSlotsCommand delSlots(ClusterService cluster) {
        return new AddSlotsCommand(cluster, true, false);
    }

    public static AddSlotsCommand addSlotsRange(ClusterService cluster) {
        return new AddSlotsCommand(cluster, false, true);
    }

    public static AddSlotsCommand delSlotsRange(ClusterService cluster) {
        return new AddSlotsCommand(cluster, true, true);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        if (ranges && request.argc() % 2 == 1) {
            return Errors.wrongArity(delete ? "cluster|delslotsrange" : "cluster|addslotsrange");
        }
        ClusterConfig c = cluster.config();
        boolean[] chosen = new boolean[KeySlots.COUNT];
        int step = ranges ? 2 : 1;
        for (int i = 2; i < request.argc(); i += step) {
            int start = SlotArgs.slot(request.arg(i));
            int end = start;
            if (ranges) {
                end = SlotArgs.slot(request.arg(i + 1));
                if (start > end) {
                    return new ErrorReply("ERR start slot number " + start + " is greater than end slot number "
                            + end);
                }
            }
            for (int s = start; s <= end; s++) {
                if (delete && c.owner(s) == null) {
                    return new ErrorReply("ERR Slot " + s + " is already unassigned");
                }
                if (!delete && c.owner(s) != null) {
                    return new ErrorReply("ERR Slot " + s + " is already busy");
                }
                if (chosen[s]) {
                    return new ErrorReply("ERR Slot " + s + " specified multiple times");
                }
                chosen[s] = true;
            }
        }
        cluster.store().update(cfg -> {
            ClusterConfig.Editor e = cfg.edit();
            for (int s = 0; s < KeySlots.COUNT; s++) {
                if (chosen[s]) {
                    if (delete) {
                        e.setOwner(s, null);
                    } else {
                        // A slot we were importing is now simply ours.
                        e.importing(s, null);
                        e.setOwner(s, cfg.myId());
                    }
                }
            }
            return e.build();
        });
        return Replies.OK;
    }
}
