package dev.trib.node.command.stream;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamNode;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * XAUTOCLAIM key group consumer min-idle-time start [COUNT n] [JUSTID]: claims up to COUNT pending entries idle long
 * enough, from start on, looking at no more than ten times COUNT; answers the ID to continue from (0-0 at the end),
 * the entries claimed, and the IDs dropped from the PEL because their entries were deleted (Redis 7.0's third
 * element). Replicas get one XCLAIM per entry claimed or dropped.
 */
public record XAutoClaimCommand(Keyspace keyspace) implements Command {
    private static final long ATTEMPTS_FACTOR = 10;
    private static final ErrorReply BAD_COUNT = new ErrorReply("ERR COUNT must be > 0");

    @Override
    public RespReply execute(CommandRequest request) {
        Long idle = IntegerText.parse(request.arg(4));
        if (idle == null) {
            return new ErrorReply("ERR Invalid min-idle-time argument for XAUTOCLAIM");
        }
        long minIdle = Math.max(0, idle);
        StreamId start = StreamIds.bound(request.arg(5), true);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < request.argc(); j++) {
            boolean more = request.argc() - 1 - j > 0;
            if (request.argIs(j, "count") && more) {
                Long c = IntegerText.parse(request.arg(j + 1));
                if (c == null || c < 1 || c > Long.MAX_VALUE / 16) {
                    return BAD_COUNT;
                }
                count = c;
                j++;
            } else if (request.argIs(j, "justid")) {
                justId = true;
            } else {
                throw Errors.fail(Errors.SYNTAX);
            }
        }
        StreamValue stream = Streams.get(keyspace, request.key(1));
        StreamGroup group = stream == null ? null : stream.group(request.key(2));
        if (group == null) {
            return Streams.noGroup(request.arg(1), request.arg(2));
        }
        request.propagation().suppress();
        request.propagation().atomic();
        long attempts = count * ATTEMPTS_FACTOR;
        long now = keyspace.now();
        List<Map.Entry<StreamId, StreamGroup.Pending>> pending = new ArrayList<>(group.pel().tailMap(start, true)
                .entrySet().stream().limit(attempts + 1).map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        StreamGroup.Consumer consumer = null;
        List<RespReply> claimed = new ArrayList<>();
        List<RespReply> deleted = new ArrayList<>();
        int i = 0;
        while (attempts-- > 0 && count > 0 && i < pending.size()) {
            StreamId id = pending.get(i).getKey();
            StreamGroup.Pending p = pending.get(i).getValue();
            i++;
            StreamNode.Entry entry = stream.get(id);
            if (entry == null) {
                request.propagation().replaceWith(XClaims.claim(request.arg(1), request.arg(2), id, p, group));
                group.acknowledge(id);
                deleted.add(Streams.id(id));
                count--;
                continue;
            }
            if (minIdle != 0 && now - p.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = group.consumerOrCreate(request.key(3), now);
            }
            p.deliveryTime = now;
            if (!justId) {
                p.deliveryCount++;
            }
            group.assign(id, p, consumer);
            claimed.add(justId ? Streams.id(id) : Streams.entry(entry));
            count--;
            request.propagation().replaceWith(XClaims.claim(request.arg(1), request.arg(2), id, p, group));
        }
        StreamId next = i < pending.size() ? pending.get(i).getKey() : StreamId.MIN;
        return new ArrayReply(List.of(Streams.id(next), Replies.array(claimed), Replies.array(deleted)));
    }
}
