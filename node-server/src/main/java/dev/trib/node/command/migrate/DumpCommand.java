package dev.trib.node.command.migrate;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.rdb.DumpPayload;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** DUMP key: the value as an RDB payload redis-server can RESTORE, or nil. */
public record DumpCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        RedisValue value = keyspace.get(request.key(1));
        return value == null ? Replies.NULL_BULK : new BulkReply(DumpPayload.dump(value));
    }
}
