package dev.trib.node.command;

import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.ValueType;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * HSCAN, SSCAN and ZSCAN key cursor [MATCH pattern] [COUNT count]. A value in a compact encoding (a listpack or an
 * intset) comes back whole with cursor 0 whatever the cursor, as Redis does; a large one is walked by cursor until
 * COUNT elements are found. MATCH filters on the first of each element's {@code width} replies (the field or member).
 *
 * @param width   replies per element: 1 for a set's member, 2 for a field and value or a member and score
 * @param compact whether the value is returned whole
 * @param all     every element's replies, in order
 * @param scan    the elements at one cursor position; returns the next cursor
 */
public record ElementScanCommand<T extends RedisValue>(Keyspace keyspace, Class<T> type, int width,
                                                       Predicate<T> compact, BiConsumer<T, Consumer<byte[]>> all,
                                                       Step<T> scan) implements Command {
    /** One cursor step over a value of type T. */
    @FunctionalInterface
    public interface Step<T> {
        long scan(T value, long cursor, Consumer<byte[]> out);
    }

    @Override
    public ValueType valueType() {
        return ValueType.of(type);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long cursor = Args.toCursor(request.arg(2));
        T value = keyspace.get(request.key(1), type);
        if (value == null) {
            return Replies.EMPTY_SCAN;
        }
        ScanOptions options = ScanOptions.parse(request, 3, false);
        List<byte[]> found = new ArrayList<>();
        long next = 0;
        if (compact.test(value)) {
            all.accept(value, found::add);
        } else {
            next = options.scanLoop(cursor, width, found::size, c -> scan.scan(value, c, found::add));
        }
        List<byte[]> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i += width) {
            if (options.matches(found.get(i))) {
                out.addAll(found.subList(i, i + width));
            }
        }
        return ScanReply.of(next, out);
    }

    /** Gives a two-reply element (a field and its value, a member and its score). */
    public static void pair(Consumer<byte[]> out, byte[] first, byte[] second) {
        out.accept(first);
        out.accept(second);
    }
}
