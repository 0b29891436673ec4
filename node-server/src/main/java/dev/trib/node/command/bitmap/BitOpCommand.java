package dev.trib.node.command.bitmap;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.Locale;

/**
 * BITOP AND|OR|XOR|NOT destkey key [key ...]: the byte-wise result over the longest input (shorter and missing ones
 * read as zero bytes) replaces the destination, which is deleted when the result is empty; the reply is its length.
 */
record BitOpCommand(Keyspace keyspace) implements Command {
    private static final ErrorReply NOT_ONE_KEY =
            new ErrorReply("ERR BITOP NOT must be called with a single source key.");

    private enum Op { AND, OR, XOR, NOT }

    @Override
    public RespReply execute(CommandRequest request) {
        Op op = null;
        for (Op candidate : Op.values()) {
            if (request.argIs(1, candidate.name().toLowerCase(Locale.ROOT))) {
                op = candidate;
            }
        }
        if (op == null) {
            return Errors.SYNTAX;
        }
        if (op == Op.NOT && request.argc() != 4) {
            return NOT_ONE_KEY;
        }
        int inputs = request.argc() - 3;
        byte[][] sources = new byte[inputs][];
        int longest = 0;
        for (int i = 0; i < inputs; i++) {
            StringValue value = keyspace.get(request.key(3 + i), StringValue.class);
            sources[i] = value == null ? new byte[0] : value.bytes();
            longest = Math.max(longest, sources[i].length);
        }
        byte[] out = new byte[longest];
        for (int j = 0; j < longest; j++) {
            int b = byteAt(sources[0], j);
            if (op == Op.NOT) {
                b = ~b;
            }
            for (int i = 1; i < inputs; i++) {
                int other = byteAt(sources[i], j);
                b = switch (op) {
                    case AND -> b & other;
                    case OR -> b | other;
                    default -> b ^ other;
                };
            }
            out[j] = (byte) b;
        }
        Key target = request.key(2);
        if (longest == 0) {
            keyspace.delete(target);
        } else {
            keyspace.set(target, new StringValue(out));
        }
        return Replies.integer(longest);
    }

    private static int byteAt(byte[] s, int index) {
        return index < s.length ? s[index] & 0xff : 0;
    }
}
