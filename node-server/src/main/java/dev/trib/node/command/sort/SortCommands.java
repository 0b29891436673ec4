package dev.trib.node.command.sort;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.keyspace.Keyspace;

/** SORT and SORT_RO over lists, sets and sorted sets. */
public final class SortCommands {
    private SortCommands() {
    }

    public static void register(CommandTable table, Keyspace ks, boolean clusterMode) {
        table.addSingleKey("sort", -2, new SortCommand(ks, false, clusterMode), WRITE, DENYOOM, MOVABLEKEYS)
                .addSingleKey("sort_ro", -2, new SortCommand(ks, true, clusterMode), READONLY, MOVABLEKEYS);
    }
}
