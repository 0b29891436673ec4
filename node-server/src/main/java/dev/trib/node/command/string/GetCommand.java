package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** GET key. */
public record GetCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return valueOf(keyspace, request.arg(1));
    }

    /** The GET reply for a key: bulk, nil, or WRONGTYPE (thrown). Shared by SET GET, GETSET, GETDEL. */
    static RespReply valueOf(Keyspace keyspace, byte[] key) {
        StringValue value = keyspace.get(Key.of(key), StringValue.class);
        return value == null ? Replies.NULL_BULK : new BulkReply(value.bytes());
    }
}
