package dev.trib.node.command.blocking;

import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.MPopCommand;
import dev.trib.node.command.NumKeysCommand;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.ValueType;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * BLMPOP / BZMPOP timeout numkeys key [key ...] LEFT|RIGHT / MIN|MAX [COUNT count]: LMPOP / ZMPOP that waits for one
 * of the keys when none holds a value (null array when the time runs out). The arguments are checked as LMPOP's
 * first, the timeout after them, as in Redis; replicas get the single-key pop with its count.
 */
public record BlockingMPopCommand<V extends RedisValue>(KeyWaits waits, MPopCommand<V> mpop)
        implements NumKeysCommand {

    @Override
    public int numkeysIndex() {
        return 2;
    }

    @Override
    public boolean destinationFirst() {
        return false;
    }

    @Override
    public ValueType valueType() {
        return mpop.valueType();
    }

    @Override
    public RespReply execute(CommandRequest request) {
        MPopCommand.Call call = mpop.parse(request, 2);
        long timeout = BlockingTimeout.millis(request.arg(1));
        for (Key key : call.keys()) {
            V value = mpop.keyspace().get(key, mpop.type());
            if (value != null) {
                return mpop.pop(request, call, key, value);
            }
        }
        List<byte[]> args = request.args();
        return waits.await(request, new KeyWaits.Wait(call.keys(), mpop.type(), timeout, Replies.NULL_ARRAY, key -> {
            List<byte[]> one = new ArrayList<>(List.of(args.get(0), args.get(1), new byte[] {'1'}, key.bytes()));
            one.addAll(args.subList(call.whereIndex(), args.size()));
            return one;
        }), Replies.NULL_ARRAY);
    }
}
