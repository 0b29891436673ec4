package dev.trib.node.command.hll;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.keyspace.Keyspace;
import java.util.function.LongSupplier;

/** HyperLogLog commands on string values in redis-server's HLL representation: PFADD, PFCOUNT, PFMERGE, PFDEBUG. */
public final class HllCommands {
    private HllCommands() {
    }

    /** @param sparseMaxBytes hll-sparse-max-bytes: past it a sparse HLL goes dense */
    public static void register(CommandTable table, Keyspace ks, LongSupplier sparseMaxBytes) {
        table.addSingleKey("pfadd", -2, new PfAddCommand(ks, sparseMaxBytes), WRITE, DENYOOM, FAST)
                .add("pfcount", -2, 1, -1, 1, new PfCountCommand(ks), READONLY)
                .add("pfmerge", -2, 1, -1, 1, new PfMergeCommand(ks, sparseMaxBytes), WRITE, DENYOOM)
                .add("pfdebug", 3, 2, 2, 1, new PfDebugCommand(ks), WRITE, DENYOOM, ADMIN)
                .addKeyless("pfselftest", 1, new PfSelfTestCommand(sparseMaxBytes), ADMIN);
    }
}
