package dev.trib.node.command;

import dev.trib.node.resp.ErrorReply;
import dev.trib.node.text.IntegerText;
import java.util.List;

/**
 * The arguments LMPOP and ZMPOP share: numkeys key [key ...] END [COUNT count], END being LEFT|RIGHT or MIN|MAX.
 * Parsed with Redis's messages; the keys are found as every numkeys command's ({@link NumKeys}).
 *
 * @param keys  how many keys follow numkeys (from argument 2)
 * @param first whether the first-named end was given (LEFT, MIN)
 * @param count how many elements to pop at most
 */
public record MPopArgs(int keys, boolean first, long count) {
    private static final ErrorReply NUMKEYS = new ErrorReply("ERR numkeys should be greater than 0");
    private static final ErrorReply COUNT = new ErrorReply("ERR count should be greater than 0");

    public static MPopArgs parse(CommandRequest request, String firstEnd, String lastEnd) {
        Long numkeys = IntegerText.parse(request.arg(1));
        if (numkeys == null || numkeys < 1) {
            throw Errors.fail(NUMKEYS);
        }
        long whereIndex = 2 + numkeys;
        if (whereIndex >= request.argc()) {
            throw Errors.fail(Errors.SYNTAX);
        }
        boolean first = request.argIs((int) whereIndex, firstEnd);
        if (!first && !request.argIs((int) whereIndex, lastEnd)) {
            throw Errors.fail(Errors.SYNTAX);
        }
        long count = -1;
        for (int j = (int) whereIndex + 1; j < request.argc(); j++) {
            if (count == -1 && request.argIs(j, "count") && j < request.argc() - 1) {
                Long n = IntegerText.parse(request.arg(++j));
                if (n == null || n < 1) {
                    throw Errors.fail(COUNT);
                }
                count = n;
            } else {
                throw Errors.fail(Errors.SYNTAX);
            }
        }
        return new MPopArgs(numkeys.intValue(), first, count == -1 ? 1 : count);
    }

    public static List<Integer> keyPositions(List<byte[]> argv) {
        return NumKeys.positions(argv, 1, false);
    }
}
