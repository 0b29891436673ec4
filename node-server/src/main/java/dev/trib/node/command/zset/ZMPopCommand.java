package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.MPopArgs;
import dev.trib.node.command.Propagation;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.FloatText;
import java.util.ArrayList;
import java.util.List;

/**
 * ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: pops from the first of the keys holding a sorted set, replying
 * with its name and [member, score] pairs (nil when none does); replicas get the ZPOPMIN/ZPOPMAX it amounted to.
 */
public record ZMPopCommand(Keyspace keyspace) implements Command {
    @Override
    public List<Integer> keyPositions(List<byte[]> argv) {
        return MPopArgs.keyPositions(argv);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        MPopArgs args = MPopArgs.parse(request, "min", "max");
        request.propagation().suppress();
        for (int i = 2; i < 2 + args.keys(); i++) {
            Key key = request.key(i);
            ZSetValue zset = keyspace.get(key, ZSetValue.class);
            if (zset == null) {
                continue;
            }
            List<RespReply> popped = new ArrayList<>();
            ZPopCommand.pop(keyspace, key, zset, args.count(), !args.first(), (member, score) -> popped.add(
                    Replies.array(List.of(new BulkReply(member.bytes()), new BulkReply(FloatText.g17(score))))));
            request.propagation().replaceWith(List.of(Propagation.ascii(args.first() ? "ZPOPMIN" : "ZPOPMAX"),
                    key.bytes(), Propagation.ascii(Integer.toString(popped.size()))));
            return Replies.array(List.of(new BulkReply(key.bytes()), Replies.array(popped)));
        }
        return Replies.NULL_ARRAY;
    }
}
