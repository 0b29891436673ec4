package dev.trib.node.command;

import dev.trib.node.resp.ErrorReply;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the keys are for commands that count them (SINTERCARD, ZUNION, ZINTERSTORE ...): the count's argument, the
 * keys after it, and for the STORE forms the destination at 1. A count that is not a number from 1 to what the
 * arguments hold gives no keys at all (Redis's genericGetKeys), so routing lets the command refuse it itself.
 */
public final class NumKeys {
    private static final ErrorReply NOT_POSITIVE = new ErrorReply("ERR numkeys should be greater than 0");

    private NumKeys() {
    }

    /** The key count of SINTERCARD, LMPOP and ZMPOP: a number of at least 1, with their shared message otherwise. */
    public static long count(CommandRequest request, int numkeysIndex) {
        Long n = IntegerText.parse(request.arg(numkeysIndex));
        if (n == null || n < 1) {
            throw Errors.fail(NOT_POSITIVE);
        }
        return n;
    }

    public static List<Integer> positions(List<byte[]> argv, int numkeysIndex, boolean destination) {
        List<Integer> out = new ArrayList<>();
        Long n = numkeysIndex < argv.size() ? IntegerText.parse(argv.get(numkeysIndex)) : null;
        if (n == null || n < 1 || n > argv.size() - numkeysIndex - 1) {
            return out;
        }
        if (destination) {
            out.add(1);
        }
        for (int i = 0; i < n; i++) {
            out.add(numkeysIndex + 1 + i);
        }
        return out;
    }
}
