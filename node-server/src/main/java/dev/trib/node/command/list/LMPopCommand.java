package dev.trib.node.command.list;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.MPopArgs;
import dev.trib.node.command.Propagation;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops from the first of the keys holding a list, replying with
 * its name and the elements (nil when none does); replicas get the LPOP/RPOP it amounted to.
 */
public record LMPopCommand(Keyspace keyspace) implements Command {
    @Override
    public List<Integer> keyPositions(List<byte[]> argv) {
        return MPopArgs.keyPositions(argv);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        MPopArgs args = MPopArgs.parse(request, "left", "right");
        request.propagation().suppress();
        for (int i = 2; i < 2 + args.keys(); i++) {
            Key key = request.key(i);
            ListValue list = keyspace.get(key, ListValue.class);
            if (list == null) {
                continue;
            }
            List<RespReply> popped = new ArrayList<>();
            PopCommand.pop(keyspace, key, list, args.count(), args.first(), e -> popped.add(new BulkReply(e)));
            request.propagation().replaceWith(List.of(Propagation.ascii(args.first() ? "LPOP" : "RPOP"), key.bytes(),
                    Propagation.ascii(Integer.toString(popped.size()))));
            return Replies.array(List.of(new BulkReply(key.bytes()), Replies.array(popped)));
        }
        return Replies.NULL_ARRAY;
    }
}
