package dev.trib.node.command.string;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.Arrays;

/** GETRANGE key start end: inclusive, negative offsets count from the end, clamped to the string. */
public record GetRangeCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        long start = Args.toLong(request.arg(2));
        long end = Args.toLong(request.arg(3));
        StringValue value = keyspace.get(request.key(1), StringValue.class);
        if (value == null) {
            return Replies.EMPTY_BULK;
        }
        long length = value.length();
        if (start < 0 && end < 0 && start > end) {
            return Replies.EMPTY_BULK;
        }
        if (start < 0) {
            start += length;
        }
        if (end < 0) {
            end += length;
        }
        start = Math.max(0, start);
        end = Math.max(0, end);
        if (end >= length) {
            end = length - 1;
        }
        if (start > end || length == 0) {
            return Replies.EMPTY_BULK;
        }
        return new BulkReply(Arrays.copyOfRange(value.bytes(), (int) start, (int) end + 1));
    }
}
