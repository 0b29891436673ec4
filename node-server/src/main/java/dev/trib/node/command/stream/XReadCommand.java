package dev.trib.node.command.stream;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.Propagation;
import dev.trib.node.command.blocking.KeyWaits;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamNode;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * XREAD [COUNT n] [BLOCK ms] STREAMS key [key ...] id [id ...] and XREADGROUP GROUP group consumer [COUNT n]
 * [BLOCK ms] [NOACK] STREAMS key [key ...] id [id ...]: the entries after each ID, as [key, entries] for each key
 * that has some; with BLOCK and none, the client waits on the keys (on the event loop) until an XADD gives one of
 * them entries past its ID, and is then served by running the command again for that key. XREADGROUP with ">"
 * delivers new entries to the consumer and records them as pending; replicas get the XCLAIM (and XGROUP SETID)
 * that reproduces what it did, never the XREADGROUP itself.
 */
public record XReadCommand(Keyspace keyspace, KeyWaits waits, boolean group) implements Command {
    /** What a blocked reader without COUNT gets at most once served: Redis's XREAD_BLOCKED_DEFAULT_COUNT. */
    private static final long BLOCKED_DEFAULT_COUNT = 1000;
    private static final ErrorReply GROUP_GONE = new ErrorReply(
            "NOGROUP the consumer group this client was blocked on no longer exists");
    private static final ErrorReply KEY_GONE = new ErrorReply("UNBLOCKED the stream key no longer exists");

    /**
     * As Redis 7.0 finds the keys (cluster routing, COMMAND GETKEYS): by the key spec first, the keys after the first
     * STREAMS from argument 1 (XREADGROUP: 4) on, half of what follows; when that does not fit, by xreadGetKeys, which
     * skips the options to find STREAMS.
     */
    @Override
    public List<Integer> keyPositions(List<byte[]> argv) {
        int argc = argv.size();
        for (int i = group ? 4 : 1; i < argc - 1; i++) {
            if (StreamIds.cString(argv.get(i)).equalsIgnoreCase("streams")) {
                int first = i + 1;
                int last = first + (argc - first) / 2 - 1;
                if (last < argc && last >= first) {
                    List<Integer> out = new ArrayList<>();
                    for (int k = first; k <= last; k++) {
                        out.add(k);
                    }
                    return out;
                }
                break;
            }
        }
        int streams = -1;
        for (int i = 1; i < argv.size(); i++) {
            String arg = StreamIds.cString(argv.get(i));
            if (arg.equalsIgnoreCase("block") || arg.equalsIgnoreCase("count")) {
                i++;
            } else if (arg.equalsIgnoreCase("group")) {
                i += 2;
            } else if (arg.equalsIgnoreCase("noack")) {
                continue;
            } else {
                if (arg.equalsIgnoreCase("streams")) {
                    streams = i;
                }
                break;
            }
        }
        List<Integer> out = new ArrayList<>();
        int num = streams < 0 ? 0 : argv.size() - streams - 1;
        if (num == 0 || num % 2 != 0) {
            return out;
        }
        for (int i = streams + 1; i < argv.size() - num / 2; i++) {
            out.add(i);
        }
        return out;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        request.propagation().suppress(); // XREADGROUP propagates what it did, below
        int argc = request.argc();
        long timeout = -1;
        long count = 0;
        int streamsArg = 0;
        int streams = 0;
        boolean noAck = false;
        byte[] groupName = null;
        byte[] consumerName = null;
        for (int i = 1; i < argc; i++) {
            int more = argc - i - 1;
            if (request.argIs(i, "block") && more > 0) {
                timeout = blockTimeout(request.arg(++i));
            } else if (request.argIs(i, "count") && more > 0) {
                count = Math.max(0, Args.toLong(request.arg(++i)));
            } else if (request.argIs(i, "streams") && more > 0) {
                streamsArg = i + 1;
                streams = argc - streamsArg;
                if (streams % 2 != 0) {
                    return new ErrorReply("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$'"
                            + " must be specified.");
                }
                streams /= 2;
                break;
            } else if (request.argIs(i, "group") && more >= 2) {
                if (!group) {
                    return new ErrorReply("ERR The GROUP option is only supported by XREADGROUP. You called XREAD"
                            + " instead.");
                }
                groupName = request.arg(i + 1);
                consumerName = request.arg(i + 2);
                i += 2;
            } else if (request.argIs(i, "noack")) {
                if (!group) {
                    return new ErrorReply("ERR The NOACK option is only supported by XREADGROUP. You called XREAD"
                            + " instead.");
                }
                noAck = true;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (streamsArg == 0) {
            return Errors.SYNTAX;
        }
        if (group && groupName == null) {
            return new ErrorReply("ERR Missing GROUP option for XREADGROUP");
        }
        StreamId[] ids = new StreamId[streams];
        StreamGroup[] groups = new StreamGroup[streams];
        for (int i = 0; i < streams; i++) {
            byte[] keyArg = request.arg(streamsArg + i);
            StreamValue stream = Streams.get(keyspace, Key.of(keyArg));
            if (groupName != null) {
                groups[i] = stream == null ? null : stream.group(Key.of(groupName));
                if (groups[i] == null) {
                    return new ErrorReply("NOGROUP No such key '" + Streams.c(keyArg) + "' or consumer group '"
                            + Streams.c(groupName) + "' in XREADGROUP with GROUP option");
                }
            }
            String idText = StreamIds.cString(request.arg(streamsArg + streams + i));
            if (idText.equals("$")) {
                if (group) {
                    return new ErrorReply("ERR The $ ID is meaningless in the context of XREADGROUP: you want to"
                            + " read the history of this consumer by specifying a proper ID, or use the > ID to get"
                            + " new messages. The $ ID would just return an empty result set.");
                }
                ids[i] = stream == null ? StreamId.MIN : stream.lastId;
            } else if (idText.equals(">")) {
                if (!group) {
                    return new ErrorReply("ERR The > ID can be specified only when calling XREADGROUP using the"
                            + " GROUP <group> <consumer> option.");
                }
                ids[i] = StreamId.MAX;
            } else {
                ids[i] = StreamIds.parseStrict(request.arg(streamsArg + streams + i));
            }
        }
        // A waiter served after an XADD is answered as Redis's serveClientsBlockedOnStreamKey answers: by the last ID
        // generated, even when the entries past its ID were deleted since (an empty entry list, not a null).
        boolean woken = waits.serving(request.session());
        List<RespReply> out = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            byte[] keyArg = request.arg(streamsArg + i);
            StreamValue stream = Streams.get(keyspace, Key.of(keyArg));
            if (stream == null) {
                continue;
            }
            StreamId gt = ids[i];
            boolean serve = false;
            boolean history = false;
            if (groups[i] != null) {
                if (!gt.isMax()) {
                    serve = true;
                    history = true;
                } else if (stream.length() > 0 && stream.edge(false).compareTo(groups[i].lastId) > 0
                        || woken && stream.lastId.compareTo(groups[i].lastId) > 0) {
                    serve = true;
                    gt = groups[i].lastId;
                }
            } else if (stream.length() > 0 && stream.edge(false).compareTo(gt) > 0
                    || woken && stream.lastId.compareTo(gt) > 0) {
                serve = true;
            }
            if (!serve) {
                continue;
            }
            StreamId start = gt.next() == null ? StreamId.MIN : gt.next();
            RespReply entries;
            if (groups[i] == null) {
                entries = Replies.array(Streams.entries(stream.range(start, StreamId.MAX, false, count)));
            } else {
                GroupRead read = new GroupRead(request, keyArg, groupName, stream, groups[i], keyspace.now());
                StreamGroup.Consumer consumer = read.consumer(consumerName, noAck);
                entries = history ? read.history(consumer, start, count) : read.fresh(consumer, start, count, noAck);
            }
            out.add(new BulkReply(keyArg));
            out.add(entries);
        }
        if (!out.isEmpty()) {
            return byKey(request, out);
        }
        if (timeout == -1) {
            return Replies.NULL_ARRAY;
        }
        return block(request, streamsArg, streams, ids, timeout, count, noAck, groupName, consumerName);
    }

    private RespReply block(CommandRequest request, int streamsArg, int streams, StreamId[] ids, long timeout,
                            long count, boolean noAck, byte[] groupName, byte[] consumerName) {
        List<Key> keys = new ArrayList<>();
        List<StreamId> after = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            Key key = request.key(streamsArg + i);
            if (!keys.contains(key)) { // as Redis: a key named twice waits with its first ID
                keys.add(key);
                after.add(ids[i]);
            }
        }
        byte[] served = ascii(Long.toString(count != 0 ? count : BLOCKED_DEFAULT_COUNT));
        KeyWaits.Wait wait;
        if (groupName == null) {
            wait = new KeyWaits.Wait(keys, StreamValue.class, timeout, Replies.NULL_ARRAY,
                    key -> List.of(ascii("XREAD"), ascii("COUNT"), served, ascii("STREAMS"), key.bytes(),
                            after.get(keys.indexOf(key)).bytes()),
                    (key, value) -> value instanceof StreamValue s
                            && s.lastId.compareTo(after.get(keys.indexOf(key))) > 0
                            ? KeyWaits.Verdict.SERVE : KeyWaits.Verdict.WAIT);
        } else {
            Key groupKey = Key.of(groupName);
            wait = new KeyWaits.Wait(keys, StreamValue.class, timeout, Replies.NULL_ARRAY, key -> {
                List<byte[]> argv = new ArrayList<>(List.of(ascii("XREADGROUP"), ascii("GROUP"), groupName,
                        consumerName, ascii("COUNT"), served));
                if (noAck) {
                    argv.add(ascii("NOACK"));
                }
                argv.addAll(List.of(ascii("STREAMS"), key.bytes(), new byte[] {'>'}));
                return argv;
            }, (key, value) -> {
                if (!(value instanceof StreamValue s)) {
                    return KeyWaits.Verdict.fail(KEY_GONE);
                }
                StreamGroup g = s.group(groupKey);
                if (g == null) {
                    return KeyWaits.Verdict.fail(GROUP_GONE);
                }
                return s.lastId.compareTo(g.lastId) > 0 ? KeyWaits.Verdict.SERVE : KeyWaits.Verdict.WAIT;
            });
        }
        return waits.await(request, wait, Replies.NULL_ARRAY);
    }

    /** Key, entries, key, entries ...: a map in RESP3, an array of [key, entries] pairs in RESP2, as Redis replies. */
    private static RespReply byKey(CommandRequest request, List<RespReply> flat) {
        if (request.session() != null && request.session().protocol() >= 3) {
            return new dev.trib.node.resp.MapReply(flat);
        }
        List<RespReply> pairs = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
            pairs.add(new ArrayReply(List.of(flat.get(i), flat.get(i + 1))));
        }
        return new ArrayReply(pairs);
    }

    /** BLOCK's milliseconds: an integer, not negative. */
    private static long blockTimeout(byte[] arg) {
        Long v = dev.trib.node.text.IntegerText.parse(arg);
        if (v == null) {
            throw Errors.fail(new ErrorReply("ERR timeout is not an integer or out of range"));
        }
        if (v < 0) {
            throw Errors.fail(new ErrorReply("ERR timeout is negative"));
        }
        return v;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One XREADGROUP read from one stream: delivering, recording pending entries, propagating what it did. */
    private record GroupRead(CommandRequest request, byte[] key, byte[] groupName, StreamValue stream,
                             StreamGroup group, long now) {

        StreamGroup.Consumer consumer(byte[] name, boolean noAck) {
            StreamGroup.Consumer c = group.consumer(Key.of(name), now, true);
            if (c == null) {
                c = group.createConsumer(Key.of(name), now);
                if (noAck) {
                    emit(List.of(ascii("XGROUP"), ascii("CREATECONSUMER"), key, groupName, name));
                }
            }
            return c;
        }

        RespReply history(StreamGroup.Consumer consumer, StreamId start, long count) {
            List<RespReply> out = new ArrayList<>();
            for (var p : consumer.pel().tailMap(start, true).entrySet()) {
                if (count > 0 && out.size() >= count) {
                    break;
                }
                StreamNode.Entry e = stream.get(p.getKey());
                if (e == null) {
                    out.add(new ArrayReply(List.of(Streams.id(p.getKey()), Replies.NULL_ARRAY)));
                } else {
                    out.add(Streams.entry(e));
                    p.getValue().deliveryTime = now;
                    p.getValue().deliveryCount++;
                }
            }
            return Replies.array(out);
        }

        RespReply fresh(StreamGroup.Consumer consumer, StreamId start, long count, boolean noAck) {
            List<RespReply> out = new ArrayList<>();
            boolean propagateLastId = false;
            for (StreamNode.Entry e : stream.range(start, StreamId.MAX, false, count)) {
                if (e.id().compareTo(group.lastId) > 0) {
                    stream.delivered(group, e.id());
                    propagateLastId |= noAck;
                }
                out.add(Streams.entry(e));
                if (!noAck) {
                    StreamGroup.Pending p = group.pel().get(e.id());
                    if (p == null) {
                        p = new StreamGroup.Pending(consumer, now, 1);
                        group.pel().put(e.id(), p);
                        consumer.pel().put(e.id(), p);
                    } else {
                        group.assign(e.id(), p, consumer);
                        p.deliveryTime = now;
                        p.deliveryCount = 1;
                    }
                    emit(XClaims.claim(key, groupName, e.id(), p, group));
                }
            }
            if (propagateLastId) {
                emit(XClaims.setId(key, groupName, group));
            }
            return Replies.array(out);
        }

        private void emit(List<byte[]> command) {
            Propagation p = request.propagation();
            p.atomic();
            p.replaceWith(command);
        }
    }
}
