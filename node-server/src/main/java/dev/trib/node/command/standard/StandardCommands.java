package dev.trib.node.command.standard;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.bitmap.BitmapCommands;
import dev.trib.node.command.connection.ConnectionCommands;
import dev.trib.node.command.geo.GeoCommands;
import dev.trib.node.command.hash.HashCommands;
import dev.trib.node.command.keys.KeyCommands;
import dev.trib.node.command.list.ListCommands;
import dev.trib.node.command.migrate.MigrateCommands;
import dev.trib.node.command.set.SetCommands;
import dev.trib.node.command.string.StringCommands;
import dev.trib.node.command.zset.ZSetCommands;
import dev.trib.node.keyspace.Keyspace;
import java.util.Random;

/** The command table of a standalone node, family by family. */
public final class StandardCommands {
    private StandardCommands() {
    }

    /**
     * @param maxStringLength proto-max-bulk-len, the largest string APPEND/SETRANGE may build
     * @param random          source for SPOP / SRANDMEMBER
     */
    public static CommandTable create(Keyspace keyspace, long maxStringLength, Random random) {
        return create(keyspace, maxStringLength, random, false);
    }

    /** The data commands plus PING/ECHO/SELECT/QUIT; SELECT follows cluster mode's rules when enabled. */
    public static CommandTable create(Keyspace keyspace, long maxStringLength, Random random,
                                      boolean clusterEnabled) {
        CommandTable table = new CommandTable();
        ConnectionCommands.register(table, clusterEnabled);
        KeyCommands.register(table, keyspace, random, clusterEnabled);
        StringCommands.register(table, keyspace, maxStringLength);
        BitmapCommands.register(table, keyspace, maxStringLength);
        HashCommands.register(table, keyspace, random);
        ListCommands.register(table, keyspace);
        SetCommands.register(table, keyspace, random);
        ZSetCommands.register(table, keyspace, random);
        MigrateCommands.register(table, keyspace, clusterEnabled);
        dev.trib.node.command.stream.StreamCommands.register(table, keyspace);
        GeoCommands.register(table, keyspace);
        return table;
    }
}
