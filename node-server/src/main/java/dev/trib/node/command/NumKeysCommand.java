package dev.trib.node.command;

import java.util.List;

/**
 * A command whose keys an argument counts (SINTERCARD, ZUNION ..., LMPOP, ZMPOP): its keys are found from that count
 * ({@link NumKeys}), and COMMAND INFO shows them as a keynum key spec, as redis-server does.
 */
public interface NumKeysCommand extends Command {
    /** Where the count is: 1, or 2 for the STORE forms, whose destination comes first. */
    default int numkeysIndex() {
        return 1;
    }

    /** Whether a destination key comes first (the STORE forms); BLMPOP and BZMPOP have a timeout there instead. */
    default boolean destinationFirst() {
        return numkeysIndex() > 1;
    }

    @Override
    default List<Integer> keyPositions(List<byte[]> argv) {
        return NumKeys.positions(argv, numkeysIndex(), destinationFirst());
    }
}
