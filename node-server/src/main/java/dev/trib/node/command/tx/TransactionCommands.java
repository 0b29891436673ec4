package dev.trib.node.command.tx;

import static dev.trib.node.command.CommandFlag.ALLOW_BUSY;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.SKIP_SLOWLOG;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandTable;
import dev.trib.node.keyspace.Keyspace;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH. The dispatcher queues a transaction's commands (it checks them first,
 * as Redis's processCommand); EXEC runs them through it, so they are registered once the dispatcher exists.
 */
public final class TransactionCommands {
    private TransactionCommands() {
    }

    public static void register(CommandTable table, CommandDispatcher dispatcher, Keyspace keyspace) {
        table.addKeyless("multi", 1, new MultiCommand(), NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .addKeyless("exec", 1, new ExecCommand(dispatcher), NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG)
                .addKeyless("discard", 1, new DiscardCommand(), NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .add("watch", -2, 1, -1, 1, new WatchCommand(keyspace), NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .addKeyless("unwatch", 1, new UnwatchCommand(), NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY);
    }
}
