package dev.trib.node.command.stream;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * XPENDING key group [[IDLE min-idle] start end count [consumer]]: the group's pending summary (count, smallest and
 * largest ID, count per consumer), or the pending entries in a range with their consumer, idle time and deliveries.
 */
public record XPendingCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        int argc = request.argc();
        if (argc != 3 && (argc < 6 || argc > 9)) {
            return Errors.SYNTAX;
        }
        StreamId start = null;
        StreamId end = null;
        long count = 0;
        long minIdle = 0;
        byte[] consumerName = null;
        if (argc >= 6) {
            int startIdx = 3;
            if (request.argIs(3, "idle")) {
                minIdle = Args.toLong(request.arg(4));
                if (argc < 8) {
                    return Errors.SYNTAX;
                }
                startIdx += 2;
            }
            count = Math.max(0, Args.toLong(request.arg(startIdx + 2)));
            start = StreamIds.bound(request.arg(startIdx), true);
            end = StreamIds.bound(request.arg(startIdx + 1), false);
            if (startIdx + 3 < argc) {
                consumerName = request.arg(startIdx + 3);
            }
        }
        StreamValue stream = Streams.get(keyspace, request.key(1));
        StreamGroup group = stream == null ? null : stream.group(request.key(2));
        if (group == null) {
            return Streams.noGroup(request.arg(1), request.arg(2));
        }
        if (argc == 3) {
            return summary(group);
        }
        TreeMap<StreamId, StreamGroup.Pending> pel = group.pel();
        if (consumerName != null) {
            StreamGroup.Consumer c = group.consumer(dev.trib.node.keyspace.Key.of(consumerName), 0, false);
            if (c == null) {
                return Replies.EMPTY_ARRAY;
            }
            pel = c.pel();
        }
        long now = keyspace.now();
        List<RespReply> out = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (var e : pel.subMap(start, true, end, true).entrySet()) {
                if (count == 0) {
                    break;
                }
                StreamGroup.Pending p = e.getValue();
                if (minIdle != 0 && now - p.deliveryTime < minIdle) {
                    continue;
                }
                count--;
                out.add(new ArrayReply(List.of(Streams.id(e.getKey()), new BulkReply(p.consumer.name().bytes()),
                        Replies.integer(Math.max(0, now - p.deliveryTime)), Replies.integer(p.deliveryCount))));
            }
        }
        return Replies.array(out);
    }

    private static RespReply summary(StreamGroup group) {
        if (group.pel().isEmpty()) {
            return new ArrayReply(List.of(Replies.ZERO, Replies.NULL_BULK, Replies.NULL_BULK, Replies.NULL_ARRAY));
        }
        List<RespReply> consumers = new ArrayList<>();
        for (StreamGroup.Consumer c : group.consumers().values()) {
            if (!c.pel().isEmpty()) {
                consumers.add(new ArrayReply(List.of(new BulkReply(c.name().bytes()),
                        Replies.bulk(c.pel().size()))));
            }
        }
        return new ArrayReply(List.of(Replies.integer(group.pel().size()), Streams.id(group.pel().firstKey()),
                Streams.id(group.pel().lastKey()), Replies.array(consumers)));
    }
}
