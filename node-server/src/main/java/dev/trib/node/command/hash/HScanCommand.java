package dev.trib.node.command.hash;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.ScanOptions;
import dev.trib.node.command.ScanReply;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * HSCAN key cursor [MATCH pattern] [COUNT count]. A small (compact) hash is returned whole with
 * cursor 0 whatever the cursor, as Redis does for listpacks; MATCH filters on field names.
 */
public final class HScanCommand implements Command {
    private final Keyspace keyspace;

    public HScanCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long cursor = Args.toCursor(request.arg(2));
        HashValue hash = keyspace.get(request.key(1), HashValue.class);
        if (hash == null) {
            return Replies.EMPTY_SCAN;
        }
        ScanOptions options = ScanOptions.parse(request, 3, false);
        List<byte[]> out = new ArrayList<>();
        long next = 0;
        if (hash.isCompact()) {
            hash.forEach((field, value) -> collect(options, out, field.bytes(), value));
        } else {
            List<byte[]> pairs = new ArrayList<>();
            next = options.scanLoop(cursor, 2, pairs::size, c -> hash.scan(c, (f, v) -> {
                pairs.add(f.bytes());
                pairs.add(v);
            }));
            for (int i = 0; i < pairs.size(); i += 2) {
                collect(options, out, pairs.get(i), pairs.get(i + 1));
            }
        }
        return ScanReply.of(next, out);
    }

    private static void collect(ScanOptions options, List<byte[]> out, byte[] field, byte[] value) {
        if (options.matches(field)) {
            out.add(field);
            out.add(value);
        }
    }
}
