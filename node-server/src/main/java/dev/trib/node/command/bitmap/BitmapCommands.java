package dev.trib.node.command.bitmap;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.keyspace.Keyspace;

/** Bitmap commands on string values: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD. */
public final class BitmapCommands {
    private BitmapCommands() {
    }

    /** @param maxStringLength proto-max-bulk-len: a bit offset must address a byte below it */
    public static void register(CommandTable table, Keyspace ks, long maxStringLength) {
        table.addSingleKey("setbit", 4, new SetBitCommand(ks, maxStringLength), WRITE, DENYOOM)
                .addSingleKey("getbit", 3, new GetBitCommand(ks, maxStringLength), READONLY, FAST)
                .addSingleKey("bitcount", -2, new BitCountCommand(ks), READONLY)
                .addSingleKey("bitpos", -3, new BitPosCommand(ks), READONLY)
                .add("bitop", -4, 2, -1, 1, new BitOpCommand(ks), WRITE, DENYOOM)
                .addSingleKey("bitfield", -2, new BitFieldCommand(ks, maxStringLength, false), WRITE, DENYOOM)
                .addSingleKey("bitfield_ro", -2, new BitFieldCommand(ks, maxStringLength, true), READONLY, FAST);
    }
}
