package dev.trib.node.command.keys;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.ScanOptions;
import dev.trib.node.command.ScanReply;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]. As in Redis, COUNT bounds the keys
 * collected before filtering; MATCH, TYPE and expiry then filter them, deleting expired keys.
 */
public record ScanCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        long cursor = Args.toCursor(request.arg(1));
        ScanOptions options = ScanOptions.parse(request, 2, true);
        List<KeyEntry> candidates = new ArrayList<>();
        long next = options.scanLoop(cursor, 1, candidates::size, c -> keyspace.scan(c, candidates::add));
        List<byte[]> keys = new ArrayList<>(candidates.size());
        for (KeyEntry e : candidates) {
            byte[] key = e.key().bytes();
            if (!options.matches(key)) {
                continue;
            }
            KeyEntry live = keyspace.peek(e.key()); // TYPE filtering is not an access
            if (options.type() != null && !options.typeMatches(live == null ? "none" : live.value().type().typeName())) {
                continue;
            }
            if (live == null) {
                continue;
            }
            keys.add(key);
        }
        return ScanReply.of(next, keys);
    }
}
