package dev.trib.node.command;

import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.ValueType;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.DoubleReply;
import dev.trib.node.resp.PairsReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * HRANDFIELD key [count [WITHVALUES]] and ZRANDMEMBER key [count [WITHSCORES]]: without a count one random element
 * (nil when the key is missing); a positive count gives distinct elements (all of them when it is at least the
 * size), a negative one allows repeats; the keyword adds each element's value or score after it.
 *
 * With the keyword, RESP3 gets one [element, value] array per element (scores as doubles).
 *
 * @param entries each element of a value as {element, value-or-score}
 * @param scores  whether the values are scores (RESP3 doubles) rather than strings
 */
public record RandomElementsCommand<V extends RedisValue>(Keyspace keyspace, Class<V> type, String withWord,
        boolean scores, Random random, Function<V, List<byte[][]>> entries) implements Command {
    private static final ErrorReply OUT_OF_RANGE = new ErrorReply("ERR value is out of range");

    @Override
    public ValueType valueType() {
        return ValueType.of(type);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() == 2) {
            V value = keyspace.get(request.key(1), type);
            if (value == null) {
                return Replies.NULL_BULK;
            }
            List<byte[][]> all = entries.apply(value);
            return new BulkReply(all.get(random.nextInt(all.size()))[0]);
        }
        long l = Args.toLongInRange(request.arg(2), -Long.MAX_VALUE, Long.MAX_VALUE);
        boolean with = request.argc() == 4 && request.argIs(3, withWord);
        if (request.argc() > 4 || (request.argc() == 4 && !with)) {
            return Errors.SYNTAX;
        }
        if (with && (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2)) {
            return OUT_OF_RANGE;
        }
        V value = keyspace.get(request.key(1), type);
        if (value == null || l == 0) {
            return Replies.EMPTY_ARRAY;
        }
        List<byte[][]> all = entries.apply(value);
        List<byte[][]> picked = new ArrayList<>();
        if (l < 0) {
            for (long i = 0; i < -l; i++) {
                picked.add(all.get(random.nextInt(all.size())));
            }
        } else if (l >= all.size()) {
            picked = all;
        } else {
            // A partial shuffle: the first l places get distinct random elements.
            for (int i = 0; i < l; i++) {
                int j = i + random.nextInt(all.size() - i);
                byte[][] chosen = all.get(j);
                all.set(j, all.get(i));
                all.set(i, chosen);
                picked.add(chosen);
            }
        }
        List<RespReply> out = new ArrayList<>(picked.size() * (with ? 2 : 1));
        for (byte[][] entry : picked) {
            out.add(new BulkReply(entry[0]));
            if (with) {
                out.add(scores ? new DoubleReply(entry[1]) : new BulkReply(entry[1]));
            }
        }
        return with ? new PairsReply(out) : Replies.array(out);
    }
}
