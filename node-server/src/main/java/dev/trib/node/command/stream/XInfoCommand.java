package dev.trib.node.command.stream;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamNode;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.MapReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * XINFO STREAM key [FULL [COUNT n]], XINFO GROUPS key and XINFO CONSUMERS key group: what Redis 7.0 reports, as maps
 * (flat name/value arrays in RESP2), in its order; radix-tree-nodes is the node count of the compressed radix tree
 * Redis keeps its stream nodes in.
 */
public record XInfoCommand(Keyspace keyspace, Sub sub) implements Command {
    /** The subcommand. */
    public enum Sub { STREAM, GROUPS, CONSUMERS }

    @Override
    public RespReply execute(CommandRequest request) {
        StreamValue s = Streams.get(keyspace, request.key(2));
        if (s == null) {
            return Streams.NO_SUCH_KEY;
        }
        return switch (sub) {
            case STREAM -> stream(request, s);
            case GROUPS -> groups(s);
            case CONSUMERS -> consumers(request, s);
        };
    }

    private RespReply stream(CommandRequest request, StreamValue s) {
        int optc = request.argc() - 3;
        boolean full = optc > 0;
        long count = 10;
        if (full) {
            if (optc != 1 && optc != 3 || !request.argIs(3, "full")) {
                return Errors.subcommandSyntax(request.args());
            }
            if (optc == 3) {
                if (!request.argIs(4, "count")) {
                    return Errors.subcommandSyntax(request.args());
                }
                count = Args.toLong(request.arg(5));
                if (count < 0) {
                    count = 10;
                }
            }
        }
        List<RespReply> out = new ArrayList<>();
        field(out, "length", Replies.integer(s.length()));
        field(out, "radix-tree-keys", Replies.integer(s.nodeCount()));
        field(out, "radix-tree-nodes", Replies.integer(s.radixTreeNodes()));
        field(out, "last-generated-id", Streams.id(s.lastId));
        field(out, "max-deleted-entry-id", Streams.id(s.maxDeletedId));
        field(out, "entries-added", Replies.integer(s.entriesAdded));
        field(out, "recorded-first-entry-id", Streams.id(s.firstId));
        if (!full) {
            field(out, "groups", Replies.integer(s.groups().size()));
            List<StreamNode.Entry> first = s.range(StreamId.MIN, StreamId.MAX, false, 1);
            List<StreamNode.Entry> last = s.range(StreamId.MIN, StreamId.MAX, true, 1);
            field(out, "first-entry", first.isEmpty() ? Replies.NULL_BULK : Streams.entry(first.get(0)));
            field(out, "last-entry", last.isEmpty() ? Replies.NULL_BULK : Streams.entry(last.get(0)));
            return new MapReply(out);
        }
        field(out, "entries", Replies.array(Streams.entries(s.range(StreamId.MIN, StreamId.MAX, false, count))));
        List<RespReply> groups = new ArrayList<>();
        for (Map.Entry<dev.trib.node.keyspace.Key, StreamGroup> e : s.groups().entrySet()) {
            StreamGroup g = e.getValue();
            List<RespReply> gi = new ArrayList<>();
            field(gi, "name", new BulkReply(e.getKey().bytes()));
            field(gi, "last-delivered-id", Streams.id(g.lastId));
            field(gi, "entries-read", entriesRead(g));
            field(gi, "lag", lag(s, g));
            field(gi, "pel-count", Replies.integer(g.pel().size()));
            List<RespReply> pel = new ArrayList<>();
            for (Map.Entry<StreamId, StreamGroup.Pending> p : g.pel().entrySet()) {
                if (count != 0 && pel.size() >= count) {
                    break;
                }
                pel.add(new ArrayReply(List.of(Streams.id(p.getKey()),
                        new BulkReply(p.getValue().consumer.name().bytes()),
                        Replies.integer(p.getValue().deliveryTime), Replies.integer(p.getValue().deliveryCount))));
            }
            field(gi, "pending", Replies.array(pel));
            List<RespReply> consumers = new ArrayList<>();
            for (StreamGroup.Consumer c : g.consumers().values()) {
                List<RespReply> ci = new ArrayList<>();
                field(ci, "name", new BulkReply(c.name().bytes()));
                field(ci, "seen-time", Replies.integer(c.seenTime));
                field(ci, "pel-count", Replies.integer(c.pel().size()));
                List<RespReply> cpel = new ArrayList<>();
                for (Map.Entry<StreamId, StreamGroup.Pending> p : c.pel().entrySet()) {
                    if (count != 0 && cpel.size() >= count) {
                        break;
                    }
                    cpel.add(new ArrayReply(List.of(Streams.id(p.getKey()),
                            Replies.integer(p.getValue().deliveryTime),
                            Replies.integer(p.getValue().deliveryCount))));
                }
                field(ci, "pending", Replies.array(cpel));
                consumers.add(new MapReply(ci));
            }
            field(gi, "consumers", Replies.array(consumers));
            groups.add(new MapReply(gi));
        }
        field(out, "groups", Replies.array(groups));
        return new MapReply(out);
    }

    private static RespReply groups(StreamValue s) {
        List<RespReply> out = new ArrayList<>();
        for (Map.Entry<dev.trib.node.keyspace.Key, StreamGroup> e : s.groups().entrySet()) {
            StreamGroup g = e.getValue();
            List<RespReply> gi = new ArrayList<>();
            field(gi, "name", new BulkReply(e.getKey().bytes()));
            field(gi, "consumers", Replies.integer(g.consumers().size()));
            field(gi, "pending", Replies.integer(g.pel().size()));
            field(gi, "last-delivered-id", Streams.id(g.lastId));
            field(gi, "entries-read", entriesRead(g));
            field(gi, "lag", lag(s, g));
            out.add(new MapReply(gi));
        }
        return Replies.array(out);
    }

    private RespReply consumers(CommandRequest request, StreamValue s) {
        StreamGroup g = s.group(request.key(3));
        if (g == null) {
            return Streams.noGroupForKey(request.arg(3), request.arg(2));
        }
        long now = keyspace.now();
        List<RespReply> out = new ArrayList<>();
        for (StreamGroup.Consumer c : g.consumers().values()) {
            List<RespReply> ci = new ArrayList<>();
            field(ci, "name", new BulkReply(c.name().bytes()));
            field(ci, "pending", Replies.integer(c.pel().size()));
            field(ci, "idle", Replies.integer(Math.max(0, now - c.seenTime)));
            out.add(new MapReply(ci));
        }
        return Replies.array(out);
    }

    private static RespReply entriesRead(StreamGroup g) {
        return g.entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ ? Replies.integer(g.entriesRead) : Replies.NULL_BULK;
    }

    private static RespReply lag(StreamValue s, StreamGroup g) {
        Long lag = s.lag(g);
        return lag == null ? Replies.NULL_BULK : Replies.integer(lag);
    }

    private static void field(List<RespReply> out, String name, RespReply value) {
        out.add(BulkReply.of(name));
        out.add(value);
    }
}
