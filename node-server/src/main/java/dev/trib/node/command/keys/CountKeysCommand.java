package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.resp.RespReply;
import java.util.function.Predicate;

/**
 * DEL and UNLINK (the action deletes; freeing is synchronous either way here) and EXISTS (it tests) key [key ...]:
 * for how many of the named keys the action held. A key named twice counts twice for EXISTS; DEL finds it gone.
 */
public record CountKeysCommand(Predicate<Key> action) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        long count = 0;
        for (int i = 1; i < request.argc(); i++) {
            if (action.test(request.key(i))) {
                count++;
            }
        }
        return request.changes(count); // DEL of nothing changes nothing (EXISTS and TOUCH never propagate)
    }
}
