package dev.trib.node.command.set;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * SRANDMEMBER key [count]: a positive count gives distinct members (the whole set when count is
 * at least its size), a negative count allows repeats.
 */
public record SRandMemberCommand(Keyspace keyspace, Random random) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 3) {
            return Errors.SYNTAX;
        }
        if (request.argc() == 2) {
            SetValue set = keyspace.get(request.key(1), SetValue.class);
            return set == null ? Replies.NULL_BULK : new BulkReply(set.random(random));
        }
        long l = Args.toLongInRange(request.arg(2), -Long.MAX_VALUE, Long.MAX_VALUE);
        SetValue set = keyspace.get(request.key(1), SetValue.class);
        if (set == null || l == 0) {
            return Replies.EMPTY_ARRAY;
        }
        long count = Math.abs(l);
        if (l < 0 || count == 1) {
            List<byte[]> out = new ArrayList<>((int) Math.min(count, 1 << 16));
            for (long i = 0; i < count; i++) {
                out.add(set.random(random));
            }
            return Replies.bulks(out);
        }
        if (count >= set.size()) {
            return Replies.bulks(set.members());
        }
        if (count * 3 > set.size()) {
            // Most of the set is wanted: drop random members from a copy until count remain.
            List<byte[]> members = set.members();
            while (members.size() > count) {
                int victim = random.nextInt(members.size());
                members.set(victim, members.get(members.size() - 1));
                members.remove(members.size() - 1);
            }
            return Replies.bulks(members);
        }
        Set<Key> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(Key.of(set.random(random)));
        }
        List<byte[]> out = new ArrayList<>(picked.size());
        for (Key k : picked) {
            out.add(k.bytes());
        }
        return Replies.bulks(out);
    }
}
