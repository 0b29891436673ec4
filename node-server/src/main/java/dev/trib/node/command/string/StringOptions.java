package dev.trib.node.command.string;

import dev.trib.node.command.CommandRequest;

/**
 * The options SET and GETEX share, parsed as Redis's parseExtendedStringArguments: NX/XX, GET and KEEPTTL are SET's,
 * PERSIST is GETEX's; the expiry forms exclude each other (repeating one is accepted, the last wins).
 *
 * @param flags  {@link SetCommand}'s flag bits
 * @param expire the EX/PX/EXAT/PXAT argument, or null
 */
record StringOptions(int flags, byte[] expire) {
    static final int PERSIST = 1 << 8;

    /** @return the options from argument {@code from} on, or null for a syntax error */
    static StringOptions parse(CommandRequest request, int from, boolean getex) {
        int flags = 0;
        byte[] expire = null;
        int expiries = SetCommand.EX | SetCommand.PX | SetCommand.EXAT | SetCommand.PXAT;
        for (int j = from; j < request.argc(); j++) {
            boolean hasNext = j < request.argc() - 1;
            int expiry = expiryFlag(request, j);
            if (!getex && request.argIs(j, "nx") && (flags & SetCommand.XX) == 0) {
                flags |= SetCommand.NX;
            } else if (!getex && request.argIs(j, "xx") && (flags & SetCommand.NX) == 0) {
                flags |= SetCommand.XX;
            } else if (!getex && request.argIs(j, "get")) {
                flags |= SetCommand.GET;
            } else if (!getex && request.argIs(j, "keepttl") && (flags & expiries) == 0) {
                flags |= SetCommand.KEEPTTL;
            } else if (getex && request.argIs(j, "persist") && (flags & expiries) == 0) {
                flags |= PERSIST;
            } else if (expiry != 0 && hasNext
                    && (flags & (SetCommand.KEEPTTL | PERSIST | (expiries & ~expiry))) == 0) {
                flags |= expiry;
                expire = request.arg(++j);
            } else {
                return null;
            }
        }
        return new StringOptions(flags, expire);
    }

    private static int expiryFlag(CommandRequest request, int j) {
        if (request.argIs(j, "ex")) {
            return SetCommand.EX;
        } else if (request.argIs(j, "px")) {
            return SetCommand.PX;
        } else if (request.argIs(j, "exat")) {
            return SetCommand.EXAT;
        } else if (request.argIs(j, "pxat")) {
            return SetCommand.PXAT;
        }
        return 0;
    }
}
