package dev.trib.node.command.stream;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]: sets the stream's counters. */
public record XSetIdCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        StreamId id = StreamIds.parseStrict(request.arg(2));
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        int i = 3;
        while (i < request.argc()) {
            boolean more = request.argc() - 1 - i > 0;
            if (request.argIs(i, "entriesadded") && more) {
                entriesAdded = Args.toLong(request.arg(i + 1));
                if (entriesAdded < 0) {
                    return new ErrorReply("ERR entries_added must be positive");
                }
            } else if (request.argIs(i, "maxdeletedid") && more) {
                maxDeleted = StreamIds.parseStrict(request.arg(i + 1));
                if (id.compareTo(maxDeleted) < 0) {
                    return new ErrorReply(
                            "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw Errors.fail(Errors.SYNTAX);
            }
            i += 2;
        }
        StreamValue stream = Streams.get(keyspace, request.key(1));
        if (stream == null) {
            return Streams.NO_SUCH_KEY;
        }
        if (stream.length() > 0) {
            if (id.compareTo(stream.edge(false)) < 0) {
                return new ErrorReply("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && stream.length() > entriesAdded) {
                return new ErrorReply(
                        "ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        stream.lastId = id;
        if (entriesAdded != -1) {
            stream.entriesAdded = entriesAdded;
        }
        if (!maxDeleted.isZero()) {
            stream.maxDeletedId = maxDeleted;
        }
        return Replies.OK;
    }
}
