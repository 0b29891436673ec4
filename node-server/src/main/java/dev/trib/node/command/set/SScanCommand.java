package dev.trib.node.command.set;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.ScanOptions;
import dev.trib.node.command.ScanReply;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** SSCAN key cursor [MATCH pattern] [COUNT count]: an intset is returned whole with cursor 0. */
public final class SScanCommand implements Command {
    private final Keyspace keyspace;

    public SScanCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long cursor = Args.toCursor(request.arg(2));
        SetValue set = keyspace.get(request.key(1), SetValue.class);
        if (set == null) {
            return Replies.EMPTY_SCAN;
        }
        ScanOptions options = ScanOptions.parse(request, 3, false);
        List<byte[]> candidates = new ArrayList<>();
        long next = 0;
        if (set.isIntset()) {
            set.forEach(candidates::add);
        } else {
            next = options.scanLoop(cursor, 1, candidates::size, c -> set.scan(c, candidates::add));
        }
        List<byte[]> out = new ArrayList<>(candidates.size());
        for (byte[] member : candidates) {
            if (options.matches(member)) {
                out.add(member);
            }
        }
        return ScanReply.of(next, out);
    }
}
