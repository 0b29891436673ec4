package dev.trib.node.command.sort;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandTable;
import dev.trib.node.keyspace.Keyspace;
import java.util.function.Predicate;

/** SORT and SORT_RO over lists, sets and sorted sets. */
public final class SortCommands {
    private SortCommands() {
    }

    /** @param allKeys whether a client's user may access every key (else BY patterns and GET are refused) */
    public static void register(CommandTable table, Keyspace ks, boolean clusterMode,
                                Predicate<ClientSession> allKeys) {
        table.addSingleKey("sort", -2, new SortCommand(ks, false, clusterMode, allKeys), WRITE, DENYOOM, MOVABLEKEYS)
                .addSingleKey("sort_ro", -2, new SortCommand(ks, true, clusterMode, allKeys), READONLY, MOVABLEKEYS);
    }
}
