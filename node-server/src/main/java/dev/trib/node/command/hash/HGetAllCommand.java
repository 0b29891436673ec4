package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** HGETALL (a map: a flat array in RESP2), HKEYS and HVALS key, in the hash's iteration order. */
public record HGetAllCommand(Keyspace keyspace, boolean fields, boolean values) implements Command {
    public static HGetAllCommand all(Keyspace ks) {
        return new HGetAllCommand(ks, true, true);
    }

    public static HGetAllCommand keys(Keyspace ks) {
        return new HGetAllCommand(ks, true, false);
    }

    public static HGetAllCommand values(Keyspace ks) {
        return new HGetAllCommand(ks, false, true);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        HashValue hash = keyspace.get(request.key(1), HashValue.class);
        if (hash == null) {
            return fields && values ? Replies.EMPTY_MAP : Replies.EMPTY_ARRAY;
        }
        List<RespReply> out = new ArrayList<>(hash.size() * (fields && values ? 2 : 1));
        hash.forEach((field, value) -> {
            if (fields) {
                out.add(new BulkReply(field.bytes()));
            }
            if (values) {
                out.add(new BulkReply(value));
            }
        });
        return fields && values ? Replies.map(out) : Replies.array(out);
    }
}
