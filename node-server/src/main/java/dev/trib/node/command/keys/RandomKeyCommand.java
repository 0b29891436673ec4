package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.Random;

/** RANDOMKEY: a key picked at random, nil when the database is empty (expired picks are removed and retried). */
public record RandomKeyCommand(Keyspace keyspace, Random random) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key key = keyspace.randomKey(random);
        return key == null ? Replies.NULL_BULK : new BulkReply(key.bytes());
    }
}
