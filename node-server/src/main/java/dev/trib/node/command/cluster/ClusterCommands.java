package dev.trib.node.command.cluster;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.Errors;

/** The CLUSTER container: one class per subcommand, with Redis 7.0's arities. */
public final class ClusterCommands {
    private ClusterCommands() {
    }

    /** With cluster mode off every CLUSTER call answers that cluster support is disabled. */
    public static void registerDisabled(CommandTable table) {
        table.addKeyless("cluster", -2, request -> Errors.CLUSTER_DISABLED);
    }

    public static void register(CommandTable table, ClusterService c) {
        CommandFlag[] admin = {ADMIN, NOSCRIPT, STALE};
        CommandFlag[] info = {STALE};
        table.addKeyless("cluster", -2, null)
                .addSubcommand("cluster", "myid", 2, new MyIdCommand(c), info)
                .addSubcommand("cluster", "nodes", 2, new NodesCommand(c), info)
                .addSubcommand("cluster", "info", 2, new InfoCommand(c), info)
                .addSubcommand("cluster", "slots", 2, new SlotsCommand(c), info)
                .addSubcommand("cluster", "shards", 2, new ShardsCommand(c), info)
                .addSubcommand("cluster", "links", 2, new LinksCommand(c), info)
                .addSubcommand("cluster", "keyslot", 3, new KeySlotCommand(), info)
                .addSubcommand("cluster", "countkeysinslot", 3, KeysInSlotCommand.count(c), info)
                .addSubcommand("cluster", "getkeysinslot", 4, KeysInSlotCommand.get(c), info)
                .addSubcommand("cluster", "addslots", -3, AddSlotsCommand.addSlots(c), admin)
                .addSubcommand("cluster", "addslotsrange", -4, AddSlotsCommand.addSlotsRange(c), admin)
                .addSubcommand("cluster", "delslots", -3, AddSlotsCommand.delSlots(c), admin)
                .addSubcommand("cluster", "delslotsrange", -4, AddSlotsCommand.delSlotsRange(c), admin)
                .addSubcommand("cluster", "flushslots", 2, new FlushSlotsCommand(c), admin)
                .addSubcommand("cluster", "setslot", -4, new SetSlotCommand(c), admin)
                .addSubcommand("cluster", "set-config-epoch", 3, new SetConfigEpochCommand(c), admin)
                .addSubcommand("cluster", "bumpepoch", 2, new BumpEpochCommand(c), admin)
                .addSubcommand("cluster", "saveconfig", 2, new SaveConfigCommand(c), admin)
                .addSubcommand("cluster", "reset", -2, new ResetCommand(c), admin)
                .addSubcommand("cluster", "forget", 3, new ForgetCommand(c), admin)
                .addSubcommand("cluster", "replicate", 3, new ReplicateCommand(c), admin)
                .addSubcommand("cluster", "failover", -2, new FailoverCommand(c), admin)
                .addSubcommand("cluster", "replicas", 3, new ReplicasCommand(c), admin)
                .addSubcommand("cluster", "slaves", 3, new ReplicasCommand(c), admin)
                .addSubcommand("cluster", "count-failure-reports", 3, new CountFailureReportsCommand(c), admin)
                .addSubcommand("cluster", "meet", -4, new MeetCommand(c), admin);
    }
}
