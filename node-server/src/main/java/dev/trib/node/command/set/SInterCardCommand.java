package dev.trib.node.command.set;

import dev.trib.node.command.Args;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.NumKeys;
import dev.trib.node.command.NumKeysCommand;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection, counting stops at the limit. */
public record SInterCardCommand(Keyspace keyspace) implements NumKeysCommand {
    private static final ErrorReply TOO_MANY =
            new ErrorReply("ERR Number of keys can't be greater than number of args");
    private static final ErrorReply LIMIT_NEGATIVE = new ErrorReply("ERR LIMIT can't be negative");

    @Override
    public RespReply execute(CommandRequest request) {
        long numkeys = NumKeys.count(request, 1);
        if (numkeys > request.argc() - 2) {
            return TOO_MANY;
        }
        int firstOption = 2 + (int) numkeys;
        long limit = 0;
        for (int j = firstOption; j < request.argc(); j++) {
            if (request.argIs(j, "limit") && j < request.argc() - 1) {
                limit = Args.toNonNegativeLong(request.arg(++j), LIMIT_NEGATIVE);
            } else {
                return Errors.SYNTAX;
            }
        }
        List<SetValue> sets = new ArrayList<>((int) numkeys);
        for (int i = 2; i < firstOption; i++) {
            sets.add(keyspace.get(request.key(i), SetValue.class));
        }
        if (sets.contains(null)) {
            return Replies.ZERO;
        }
        long count = Sets.intersection(sets).size();
        return Replies.integer(limit == 0 ? count : Math.min(count, limit));
    }
}
