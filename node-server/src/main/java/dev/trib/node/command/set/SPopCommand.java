package dev.trib.node.command.set;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Propagation;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** SPOP key [count]: removes and returns random members (a set, with a count); asking for all empties the key. */
public record SPopCommand(Keyspace keyspace, Random random) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 3) {
            return Errors.SYNTAX;
        }
        boolean hasCount = request.argc() == 3;
        long count = hasCount ? Args.toNonNegativeLong(request.arg(2)) : 1;
        Key key = request.key(1);
        SetValue set = keyspace.get(key, SetValue.class);
        if (set == null) {
            return request.unchanged(hasCount ? Replies.EMPTY_SET : Replies.NULL_BULK);
        }
        if (!hasCount) {
            byte[] member = set.random(random);
            set.remove(member);
            deleteIfEmpty(key, set);
            propagateRemoval(request, List.of(member));
            return new BulkReply(member);
        }
        if (count == 0) {
            return request.unchanged(Replies.EMPTY_SET);
        }
        if (count >= set.size()) {
            List<byte[]> all = Sets.union(List.of(set)).members();
            keyspace.delete(key);
            request.propagation().replaceWith(List.of(Propagation.ascii("DEL"), key.bytes()));
            return Replies.set(all);
        }
        List<byte[]> popped = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            byte[] member = set.random(random);
            set.remove(member);
            popped.add(member);
        }
        propagateRemoval(request, popped);
        return Replies.set(popped);
    }

    /** Which members went is chance: replicas are told exactly, with SREM. */
    private static void propagateRemoval(CommandRequest request, List<byte[]> members) {
        List<byte[]> srem = new ArrayList<>(members.size() + 2);
        srem.add(Propagation.ascii("SREM"));
        srem.add(request.arg(1));
        srem.addAll(members);
        request.propagation().replaceWith(srem);
    }

    private void deleteIfEmpty(Key key, SetValue set) {
        if (set.size() == 0) {
            keyspace.delete(key);
        }
    }
}
