package dev.trib.node.command;

import dev.trib.node.text.CText;
import dev.trib.node.text.Glob;
import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The options shared by SCAN, HSCAN, SSCAN and ZSCAN: COUNT (default 10, at least 1), MATCH, and
 * for SCAN only, TYPE.
 */
public record ScanOptions(long count, byte[] pattern, byte[] type) {

    /** Parses options from {@code first} on; TYPE is a syntax error unless {@code allowType}. */
    public static ScanOptions parse(CommandRequest request, int first, boolean allowType) {
        long count = 10;
        byte[] pattern = null;
        byte[] type = null;
        int i = first;
        while (i < request.argc()) {
            int left = request.argc() - i;
            if (request.argIs(i, "count") && left >= 2) {
                count = Args.toLong(request.arg(i + 1));
                if (count < 1) {
                    throw Errors.fail(Errors.SYNTAX);
                }
                i += 2;
            } else if (request.argIs(i, "match") && left >= 2) {
                pattern = request.arg(i + 1);
                i += 2;
            } else if (request.argIs(i, "type") && allowType && left >= 2) {
                type = request.arg(i + 1);
                i += 2;
            } else {
                throw Errors.fail(Errors.SYNTAX);
            }
        }
        if (pattern != null && Glob.matchesEverything(pattern)) {
            pattern = null;
        }
        return new ScanOptions(count, pattern, type);
    }

    public boolean matches(byte[] element) {
        return pattern == null || Glob.matches(pattern, element);
    }

    /** TYPE filter, compared like strcasecmp with the stored type's name. */
    public boolean typeMatches(String typeName) {
        return type == null || CText.equalsIgnoreCase(type, typeName);
    }

    /**
     * Redis's scan loop over a hash table: visit buckets until the cursor wraps to 0, until COUNT
     * replies are collected, or after ten times COUNT buckets (so a sparse table cannot stall the
     * server). Hashes and sorted sets collect two replies per entry, so COUNT is doubled for them.
     *
     * @param repliesPerEntry 1 for keys and set members, 2 for field/value and member/score pairs
     * @param collected       how many replies the steps have collected so far
     * @param step            visits one bucket and returns the next cursor
     */
    public long scanLoop(long cursor, int repliesPerEntry, IntSupplier collected, LongUnaryOperator step) {
        long wanted = count > Long.MAX_VALUE / repliesPerEntry ? Long.MAX_VALUE : count * repliesPerEntry;
        long maxIterations = wanted > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : wanted * 10;
        do {
            cursor = step.applyAsLong(cursor);
        } while (cursor != 0 && maxIterations-- > 0 && collected.getAsInt() < wanted);
        return cursor;
    }
}
