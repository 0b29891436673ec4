package dev.trib.node.command.keys;

import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.keys.ObjectCommand.Kind;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Keyspace;


/** OBJECT (ENCODING, REFCOUNT, IDLETIME, FREQ; HELP comes with the other HELP replies), MOVE and SWAPDB. */
public final class ObjectCommands {
    private ObjectCommands() {
    }

    public static void register(CommandTable table, Keyspace ks, LiveConfig config,
                                boolean clusterMode) {
        table.addKeyless("object", -2, null)
                .addSubcommand("object", "encoding", 3, 2, 2, 1, new ObjectCommand(ks, config, Kind.ENCODING),
                        READONLY)
                .addSubcommand("object", "freq", 3, 2, 2, 1, new ObjectCommand(ks, config, Kind.FREQ),
                        READONLY)
                .addSubcommand("object", "idletime", 3, 2, 2, 1,
                        new ObjectCommand(ks, config, Kind.IDLETIME), READONLY)
                .addSubcommand("object", "refcount", 3, 2, 2, 1,
                        new ObjectCommand(ks, config, Kind.REFCOUNT), READONLY)
                .addSingleKey("move", 3, new MoveCommand(false, clusterMode), WRITE, FAST)
                .addKeyless("swapdb", 3, new MoveCommand(true, clusterMode), WRITE, FAST);
    }
}
