package dev.trib.node.command.stream;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]: the new
 * entry's ID. Replicas get the ID actually used (never "*" or "ms-*") and, after an approximate trim, the exact trim
 * it amounted to. Clients blocked on the key (XREAD, XREADGROUP) may be served after it.
 */
public record XAddCommand(Keyspace keyspace) implements Command {
    private static final ErrorReply ZERO_ID = new ErrorReply("ERR The ID specified in XADD must be greater than 0-0");
    private static final ErrorReply EXHAUSTED = new ErrorReply(
            "ERR The stream has exhausted the last possible ID, unable to add more items");
    private static final ErrorReply TOO_SMALL = new ErrorReply(
            "ERR The ID specified in XADD is equal or smaller than the target stream top item");
    private static final ErrorReply TOO_LARGE = new ErrorReply("ERR Elements are too large to be stored");

    @Override
    public RespReply execute(CommandRequest request) {
        TrimArgs args = TrimArgs.parse(request, true);
        int fieldPos = args.idIndex + 1;
        int fields = request.argc() - fieldPos;
        if (fields < 2 || fields % 2 == 1) {
            return Errors.wrongArity("xadd");
        }
        StreamIds.Given given = args.id;
        if (given != null && given.seqGiven() && given.id().isZero()) {
            return ZERO_ID;
        }
        Key key = request.key(1);
        StreamValue stream = Streams.get(keyspace, key);
        if (stream == null) {
            if (args.noMkStream) {
                return request.unchanged(Replies.NULL_BULK);
            }
            stream = new StreamValue();
            keyspace.add(key, stream);
        }
        if (stream.lastId.isMax()) {
            return EXHAUSTED;
        }
        if (given != null && !given.seqGiven() && stream.lastId.ms() == given.id().ms() && stream.lastId.seq() == -1) {
            return TOO_LARGE; // as Redis: the exhausted sequence of "ms-*" leaves errno unset, so it reads as size
        }
        StreamId id = stream.newId(given == null ? null : given.id(), given == null || given.seqGiven(),
                keyspace.now());
        if (id == null) {
            return TOO_SMALL;
        }
        byte[][] fv = new byte[fields][];
        long total = 0;
        for (int i = 0; i < fields; i++) {
            fv[i] = request.arg(fieldPos + i);
            total += fv[i].length;
        }
        if (total > StreamValue.MAX_ENTRY_BYTES) {
            return TOO_LARGE;
        }
        stream.append(id, fv);
        List<byte[]> argv = new ArrayList<>(request.args());
        boolean rewritten = false;
        if (args.trims()) {
            args.apply(stream);
            if (args.approx) {
                args.rewrite(argv, stream);
                rewritten = true;
            }
        }
        if (given == null || !given.seqGiven()) {
            argv.set(args.idIndex, id.bytes());
            rewritten = true;
        }
        if (rewritten) {
            request.propagation().replaceWith(argv);
        }
        keyspace.signalReady(key);
        return Streams.id(id);
    }
}
