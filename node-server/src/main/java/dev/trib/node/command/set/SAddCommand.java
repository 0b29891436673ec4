package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.RespReply;

/** SADD key member [member ...]: members added. */
public record SAddCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        SetValue set = keyspace.get(key, SetValue.class);
        if (set == null) {
            set = SetValue.forFirstMember(request.arg(2));
            keyspace.add(key, set);
        }
        long added = 0;
        for (int i = 2; i < request.argc(); i++) {
            if (set.add(request.arg(i))) {
                added++;
            }
        }
        return request.changes(added);
    }
}
