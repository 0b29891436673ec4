package dev.trib.node.command.blocking;

import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.text.LongDouble;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A blocking command's timeout in seconds, as Redis's getTimeoutFromObjectOrReply reads it: a long double (hex,
 * "inf" and exponents allowed, no blank, no NaN) turned into whole milliseconds rounded up. A value too large for
 * a 64-bit count (inf, 1e16) comes out negative on x86-64, so Redis calls it negative too.
 */
public final class BlockingTimeout {
    private static final ErrorReply NOT_A_FLOAT = new ErrorReply("ERR timeout is not a float or out of range");
    private static final ErrorReply NEGATIVE = new ErrorReply("ERR timeout is negative");
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private BlockingTimeout() {
    }

    /** @return the timeout in milliseconds, 0 for none (wait forever) */
    public static long millis(byte[] arg) {
        LongDouble seconds = LongDouble.parse(arg);
        if (seconds == null) {
            throw Errors.fail(NOT_A_FLOAT);
        }
        if (seconds.isInfinite()) {
            throw Errors.fail(NEGATIVE);
        }
        BigDecimal ms = seconds.toBigDecimal().movePointRight(3).setScale(0, RoundingMode.CEILING);
        if (ms.signum() < 0 || ms.compareTo(MAX) > 0 || ms.compareTo(MIN) < 0) {
            throw Errors.fail(NEGATIVE);
        }
        return ms.longValueExact();
    }
}
