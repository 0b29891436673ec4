package dev.trib.node.command.zset;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.ScanOptions;
import dev.trib.node.command.ScanReply;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SkipList;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.FloatText;
import java.util.ArrayList;
import java.util.List;

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count]. A compact set comes back whole, in order, with
 * scores as its listpack stores them ("3" rather than "3"-as-%.17g); a large one is walked by
 * cursor with %.17g scores — the two spellings Redis produces for its two encodings.
 */
public final class ZScanCommand implements Command {
    private final Keyspace keyspace;

    public ZScanCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long cursor = Args.toCursor(request.arg(2));
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        if (zset == null) {
            return Replies.EMPTY_SCAN;
        }
        ScanOptions options = ScanOptions.parse(request, 3, false);
        List<byte[]> out = new ArrayList<>();
        long next = 0;
        if (zset.isCompact()) {
            for (SkipList.Node n = zset.first(); n != null; n = n.next()) {
                collect(options, out, n.member().bytes(), FloatText.listpackScore(n.score()));
            }
        } else {
            List<byte[]> pairs = new ArrayList<>();
            next = options.scanLoop(cursor, 2, pairs::size, c -> zset.scan(c, (member, score) -> {
                pairs.add(member.bytes());
                pairs.add(FloatText.g17(score));
            }));
            for (int i = 0; i < pairs.size(); i += 2) {
                collect(options, out, pairs.get(i), pairs.get(i + 1));
            }
        }
        return ScanReply.of(next, out);
    }

    private static void collect(ScanOptions options, List<byte[]> out, byte[] member, byte[] score) {
        if (options.matches(member)) {
            out.add(member);
            out.add(score);
        }
    }
}
