package dev.trib.node.command.list;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LPOS key element [RANK rank] [COUNT num] [MAXLEN len]: the index of the rank-th match (negative ranks count from
 * the tail), or with COUNT an array of up to num matches (0: all); MAXLEN bounds how many entries are compared.
 */
public record LPosCommand(Keyspace keyspace) implements Command {
    private static final ErrorReply RANK_ZERO = new ErrorReply("ERR RANK can't be zero: use 1 to start from the "
            + "first match, 2 from the second ... or use negative to start from the end of the list");
    private static final ErrorReply COUNT_NEGATIVE = new ErrorReply("ERR COUNT can't be negative");
    private static final ErrorReply MAXLEN_NEGATIVE = new ErrorReply("ERR MAXLEN can't be negative");

    @Override
    public RespReply execute(CommandRequest request) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < request.argc(); j++) {
            boolean more = j < request.argc() - 1;
            if (request.argIs(j, "rank") && more) {
                rank = Args.toLong(request.arg(++j));
                if (rank == 0) {
                    return RANK_ZERO;
                }
            } else if (request.argIs(j, "count") && more) {
                count = Args.toNonNegativeLong(request.arg(++j), COUNT_NEGATIVE);
            } else if (request.argIs(j, "maxlen") && more) {
                maxlen = Args.toNonNegativeLong(request.arg(++j), MAXLEN_NEGATIVE);
            } else {
                return Errors.SYNTAX;
            }
        }
        ListValue list = keyspace.get(request.key(1), ListValue.class);
        if (list == null) {
            return count != -1 ? Replies.EMPTY_ARRAY : Replies.NULL_BULK;
        }
        byte[] element = request.arg(2);
        boolean fromTail = rank < 0;
        // redis-server 7.0 negates the rank in a C long: the most negative one stays negative, and then every match
        // is past it, so it means "the first match from the tail".
        long skip = rank == Long.MIN_VALUE ? 0 : Math.abs(rank) - 1;
        int size = list.size();
        List<RespReply> found = new ArrayList<>();
        long matches = 0;
        for (int seen = 0; seen < size && (maxlen == 0 || seen < maxlen); seen++) {
            int index = fromTail ? size - 1 - seen : seen;
            if (Arrays.equals(list.get(index), element) && ++matches > skip) {
                found.add(Replies.integer(index));
                if (count == -1 || (count != 0 && found.size() >= count)) {
                    break;
                }
            }
        }
        if (count == -1) {
            return found.isEmpty() ? Replies.NULL_BULK : found.get(0);
        }
        return Replies.array(found);
    }
}
