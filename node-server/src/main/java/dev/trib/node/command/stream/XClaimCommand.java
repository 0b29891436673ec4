package dev.trib.node.command.stream;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamNode;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.List;

/**
 * XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [JUSTID]
 * [LASTID id]: gives the consumer the pending entries idle long enough (FORCE: also entries not pending), answering
 * them (or their IDs). Entries deleted from the stream leave the PEL. Replicas get one idempotent XCLAIM per entry
 * claimed or dropped, or XGROUP SETID when only LASTID moved the group on.
 */
public record XClaimCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        StreamValue stream = Streams.get(keyspace, request.key(1));
        StreamGroup group = stream == null ? null : stream.group(request.key(2));
        if (group == null) {
            return Streams.noGroup(request.arg(1), request.arg(2));
        }
        long minIdle = Math.max(0, number(request.arg(4), "min-idle-time argument"));
        int argc = request.argc();
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < argc; j++) {
            StreamId id = StreamIds.parseStrictOrNull(request.arg(j));
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        long now = keyspace.now();
        StreamId lastId = StreamId.MIN;
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        for (; j < argc; j++) {
            boolean more = argc - 1 - j > 0;
            if (request.argIs(j, "force")) {
                force = true;
            } else if (request.argIs(j, "justid")) {
                justId = true;
            } else if (request.argIs(j, "idle") && more) {
                deliveryTime = now - number(request.arg(++j), "IDLE option argument");
            } else if (request.argIs(j, "time") && more) {
                deliveryTime = number(request.arg(++j), "TIME option argument");
            } else if (request.argIs(j, "retrycount") && more) {
                retryCount = number(request.arg(++j), "RETRYCOUNT option argument");
            } else if (request.argIs(j, "lastid") && more) {
                lastId = StreamIds.parseStrict(request.arg(++j));
            } else {
                return new ErrorReply("ERR Unrecognized XCLAIM option '" + Streams.c(request.arg(j)) + "'");
            }
        }
        request.propagation().suppress();
        request.propagation().atomic();
        boolean propagateLastId = false;
        if (lastId.compareTo(group.lastId) > 0) {
            group.lastId = lastId;
            propagateLastId = true;
        }
        if (deliveryTime == -1 || deliveryTime < 0 || deliveryTime > now) {
            deliveryTime = now;
        }
        StreamGroup.Consumer consumer = null;
        List<RespReply> out = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            StreamId id = ids.get(k);
            byte[] idArg = request.arg(5 + k);
            StreamGroup.Pending p = group.pel().get(id);
            StreamNode.Entry entry = stream.get(id);
            if (entry == null) {
                if (p != null) {
                    request.propagation().replaceWith(XClaims.claim(request.arg(1), request.arg(2), idArg, p, group));
                    propagateLastId = false;
                    group.acknowledge(id);
                }
                continue;
            }
            if (force && p == null) {
                p = new StreamGroup.Pending(null, now, 1);
                group.pel().put(id, p);
            }
            if (p == null) {
                continue;
            }
            if (p.consumer != null && minIdle != 0 && now - p.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = group.consumerOrCreate(request.key(3), now);
            }
            p.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                p.deliveryCount = retryCount;
            } else if (!justId) {
                p.deliveryCount++;
            }
            group.assign(id, p, consumer);
            out.add(justId ? Streams.id(id) : Streams.entry(entry));
            request.propagation().replaceWith(XClaims.claim(request.arg(1), request.arg(2), idArg, p, group));
            propagateLastId = false;
        }
        if (propagateLastId) {
            request.propagation().replaceWith(XClaims.setId(request.arg(1), request.arg(2), group));
        }
        return Replies.array(out);
    }

    /** An option's integer, refused with XCLAIM's own wording. */
    static long number(byte[] arg, String what) {
        Long v = IntegerText.parse(arg);
        if (v == null) {
            throw Errors.fail(new ErrorReply("ERR Invalid " + what + " for XCLAIM"));
        }
        return v;
    }
}
