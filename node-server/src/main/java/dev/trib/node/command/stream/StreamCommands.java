package dev.trib.node.command.stream;

import static dev.trib.node.command.CommandFlag.BLOCKING;
import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.STALE;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.SizeCommand;
import dev.trib.node.command.blocking.KeyWaits;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamValue;

/** Stream commands, with redis-server 7.0's arities, flags and key positions. */
public final class StreamCommands {
    private StreamCommands() {
    }

    public static void register(CommandTable table, Keyspace ks) {
        table.addSingleKey("xadd", -5, new XAddCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("xlen", 2, new SizeCommand<>(ks, StreamValue.class, s -> (int) s.length()),
                        READONLY, FAST)
                .addSingleKey("xrange", -4, new XRangeCommand(ks, false), READONLY)
                .addSingleKey("xrevrange", -4, new XRangeCommand(ks, true), READONLY)
                .addSingleKey("xdel", -3, new XDelCommand(ks), WRITE, FAST)
                .addSingleKey("xtrim", -4, new XTrimCommand(ks), WRITE)
                .addSingleKey("xsetid", -3, new XSetIdCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("xack", -4, new XAckCommand(ks), WRITE, FAST)
                .addSingleKey("xpending", -3, new XPendingCommand(ks), READONLY)
                .addSingleKey("xclaim", -6, new XClaimCommand(ks), WRITE, FAST)
                .addSingleKey("xautoclaim", -6, new XAutoClaimCommand(ks), WRITE, FAST)
                .addKeyless("xgroup", -2, null)
                .addSubcommand("xgroup", "destroy", 4, 2, 2, 1, group(ks, XGroupCommand.Op.DESTROY), WRITE)
                .addSubcommand("xgroup", "create", -5, 2, 2, 1, group(ks, XGroupCommand.Op.CREATE), WRITE, DENYOOM)
                .addSubcommand("xgroup", "setid", -5, 2, 2, 1, group(ks, XGroupCommand.Op.SETID), WRITE)
                .addSubcommand("xgroup", "delconsumer", 5, 2, 2, 1, group(ks, XGroupCommand.Op.DELCONSUMER), WRITE)
                .addSubcommand("xgroup", "createconsumer", 5, 2, 2, 1, group(ks, XGroupCommand.Op.CREATECONSUMER),
                        WRITE, DENYOOM)
                .addSubcommand("xgroup", "help", 2, help("XGROUP",
                        "CREATE <key> <groupname> <id|$> [option]",
                        "    Create a new consumer group. Options are:",
                        "    * MKSTREAM",
                        "      Create the empty stream if it does not exist.",
                        "    * ENTRIESREAD entries_read",
                        "      Set the group's entries_read counter (internal use).",
                        "CREATECONSUMER <key> <groupname> <consumer>",
                        "    Create a new consumer in the specified group.",
                        "DELCONSUMER <key> <groupname> <consumer>",
                        "    Remove the specified consumer.",
                        "DESTROY <key> <groupname>",
                        "    Remove the specified group.",
                        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                        "    Set the current group ID and entries_read counter."), LOADING, STALE)
                .addKeyless("xinfo", -2, null)
                .addSubcommand("xinfo", "consumers", 4, 2, 2, 1, new XInfoCommand(ks, XInfoCommand.Sub.CONSUMERS),
                        READONLY)
                .addSubcommand("xinfo", "groups", 3, 2, 2, 1, new XInfoCommand(ks, XInfoCommand.Sub.GROUPS), READONLY)
                .addSubcommand("xinfo", "stream", -3, 2, 2, 1, new XInfoCommand(ks, XInfoCommand.Sub.STREAM), READONLY)
                .addSubcommand("xinfo", "help", 2, help("XINFO",
                        "CONSUMERS <key> <groupname>",
                        "    Show consumers of <groupname>.",
                        "GROUPS <key>",
                        "    Show the stream consumer groups.",
                        "STREAM <key> [FULL [COUNT <count>]",
                        "    Show information about the stream."), LOADING, STALE);
    }

    /** XREAD and XREADGROUP: with BLOCK their clients wait in {@code waits} for entries. */
    public static void registerBlocking(CommandTable table, Keyspace ks, KeyWaits waits) {
        table.addKeyless("xread", -4, new XReadCommand(ks, waits, false), READONLY, BLOCKING, MOVABLEKEYS)
                .addKeyless("xreadgroup", -7, new XReadCommand(ks, waits, true), WRITE, BLOCKING, MOVABLEKEYS);
    }

    private static Command group(Keyspace ks, XGroupCommand.Op op) {
        return new XGroupCommand(ks, op);
    }

    /** XGROUP HELP / XINFO HELP. */
    private static Command help(String command, String... lines) {
        var reply = Streams.help(command, lines);
        return new Command() {
            @Override
            public dev.trib.node.resp.RespReply execute(dev.trib.node.command.CommandRequest request) {
                return reply;
            }

            @Override
            public dev.trib.node.keyspace.ValueType valueType() {
                return dev.trib.node.keyspace.ValueType.STREAM;
            }
        };
    }
}
