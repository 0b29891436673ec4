package dev.trib.node.command.sort;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CFloat;
import dev.trib.node.text.CText;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination] and SORT_RO
 * (no STORE), following redis-server's sortCommandGeneric: numeric weights by strtod (ties by the bytes), ALPHA by
 * the bytes, a BY pattern without '*' keeps the native order, LIMIT clamped as Redis does, STORE writing a list
 * (deleting the destination when empty). In cluster mode BY patterns and GET are refused, as keys they name could
 * live on another node.
 */
final class SortCommand implements Command {
    private static final ErrorReply BAD_SCORES =
            new ErrorReply("ERR One or more scores can't be converted into double");
    private final Keyspace keyspace;
    private final boolean readOnly;
    private final boolean clusterMode;
    private final java.util.function.Predicate<dev.trib.node.command.ClientSession> allKeys;

    SortCommand(Keyspace keyspace, boolean readOnly, boolean clusterMode,
                java.util.function.Predicate<dev.trib.node.command.ClientSession> allKeys) {
        this.keyspace = keyspace;
        this.readOnly = readOnly;
        this.clusterMode = clusterMode;
        this.allKeys = allKeys;
    }

    private static final class Item {
        final byte[] element;
        double score;
        byte[] compareBy;

        Item(byte[] element) {
            this.element = element;
        }
    }

    @Override
    public RespReply execute(CommandRequest request) {
        boolean desc = false;
        boolean alpha = false;
        boolean dontSort = false;
        long limitStart = 0;
        long limitCount = -1;
        byte[] sortBy = null;
        Key store = null;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < request.argc(); j++) {
            int left = request.argc() - j - 1;
            if (request.argIs(j, "asc")) {
                desc = false;
            } else if (request.argIs(j, "desc")) {
                desc = true;
            } else if (request.argIs(j, "alpha")) {
                alpha = true;
            } else if (request.argIs(j, "limit") && left >= 2) {
                Long start = IntegerText.parse(request.arg(j + 1));
                Long count = start == null ? null : IntegerText.parse(request.arg(j + 2));
                if (count == null) {
                    return Errors.NOT_INTEGER;
                }
                limitStart = start;
                limitCount = count;
                j += 2;
            } else if (!readOnly && request.argIs(j, "store") && left >= 1) {
                store = request.key(++j);
            } else if (request.argIs(j, "by") && left >= 1) {
                sortBy = request.arg(++j);
                if (!SortPattern.hasStar(sortBy)) {
                    dontSort = true;
                } else if (clusterMode) {
                    return new ErrorReply("ERR BY option of SORT denied in Cluster mode.");
                } else if (!allKeys.test(request.session())) {
                    return new ErrorReply("ERR BY option of SORT denied due to insufficient ACL permissions.");
                }
            } else if (request.argIs(j, "get") && left >= 1) {
                if (clusterMode) {
                    return new ErrorReply("ERR GET option of SORT denied in Cluster mode.");
                }
                if (!allKeys.test(request.session())) {
                    return new ErrorReply("ERR GET option of SORT denied due to insufficient ACL permissions.");
                }
                gets.add(request.arg(++j));
            } else {
                return Errors.SYNTAX;
            }
        }
        RedisValue value = keyspace.get(request.key(1));
        if (value != null && !(value instanceof ListValue) && !(value instanceof SetValue)
                && !(value instanceof ZSetValue)) {
            return Errors.WRONGTYPE;
        }
        if (value instanceof ZSetValue z) {
            z.convertToSkiplist(); // as redis-server, which sorts through the skiplist form and keeps it
        }
        if (dontSort && value instanceof SetValue && store != null) {
            // A set's own order is not reproducible: stored results are sorted, as in Redis.
            dontSort = false;
            alpha = true;
            sortBy = null;
        }
        int size = value == null ? 0 : value instanceof ListValue l ? l.size()
                : value instanceof SetValue s ? s.size() : ((ZSetValue) value).size();
        long start = Math.min(Math.max(limitStart, 0), size);
        limitCount = Math.min(Math.max(limitCount, -1), size);
        long end = limitCount < 0 ? size - 1 : start + limitCount - 1;
        if (start >= size) {
            start = size - 1;
            end = size - 2;
        }
        if (end >= size) {
            end = size - 1;
        }
        List<Item> items = new ArrayList<>(size);
        if (dontSort && (value instanceof ListValue || value instanceof ZSetValue)) {
            // Native order (reversed by DESC), just the LIMIT range.
            if (end >= start) {
                List<byte[]> all = nativeOrder(value);
                for (long i = start; i <= end; i++) {
                    items.add(new Item(all.get((int) (desc ? all.size() - 1 - i : i))));
                }
                end -= start;
                start = 0;
            }
        } else {
            for (byte[] element : nativeOrder(value)) {
                items.add(new Item(element));
            }
        }
        boolean conversionError = false;
        if (!dontSort) {
            for (Item item : items) {
                byte[] by = sortBy == null ? item.element
                        : SortPattern.lookup(keyspace, sortBy, item.element);
                if (by == null) {
                    continue;
                }
                if (alpha) {
                    if (sortBy != null) {
                        item.compareBy = by;
                    }
                } else {
                    Double score = CFloat.parseLenientDouble(by, 0);
                    if (score == null || (Double.isInfinite(score) && !mentionsInfinity(by))) {
                        conversionError = true;
                    } else {
                        item.score = score;
                    }
                }
            }
            items.sort(comparator(alpha, sortBy != null, desc));
        }
        int outputLength = (int) (end - start + 1);
        if (conversionError) {
            return request.unchanged(BAD_SCORES);
        }
        if (store == null) {
            List<RespReply> out = new ArrayList<>();
            for (long i = start; i <= end; i++) {
                Item item = items.get((int) i);
                if (gets.isEmpty()) {
                    out.add(new BulkReply(item.element));
                }
                for (byte[] pattern : gets) {
                    byte[] got = SortPattern.lookup(keyspace, pattern, item.element);
                    out.add(got == null ? Replies.NULL_BULK : new BulkReply(got));
                }
            }
            return request.unchanged(Replies.array(out));
        }
        ListValue stored = new ListValue();
        for (long i = start; i <= end; i++) {
            Item item = items.get((int) i);
            if (gets.isEmpty()) {
                stored.addLast(item.element);
            }
            for (byte[] pattern : gets) {
                byte[] got = SortPattern.lookup(keyspace, pattern, item.element);
                stored.addLast(got == null ? new byte[0] : got);
            }
        }
        int written = gets.isEmpty() ? outputLength : outputLength * gets.size();
        if (written > 0) {
            keyspace.set(store, stored);
        } else if (!keyspace.delete(store)) {
            return request.unchanged(Replies.ZERO);
        }
        return Replies.integer(written);
    }

    private static boolean mentionsInfinity(byte[] s) {
        return CText.printed(s, 64).toLowerCase(java.util.Locale.ROOT).contains("inf");
    }

    private static List<byte[]> nativeOrder(RedisValue value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof ListValue l) {
            List<byte[]> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(l.get(i));
            }
            return out;
        }
        if (value instanceof SetValue s) {
            return s.members();
        }
        List<byte[]> out = new ArrayList<>();
        for (ScoreTree.Node n = ((ZSetValue) value).first(); n != null; n = n.next()) {
            out.add(n.memberBytes());
        }
        return out;
    }

    /** Redis's sortCompare; Java's sort is stable like glibc's qsort (a merge sort) for equal items. */
    private static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean desc) {
        Comparator<Item> cmp;
        if (!alpha) {
            cmp = (x, y) -> x.score > y.score ? 1 : x.score < y.score ? -1 : Arrays.compareUnsigned(x.element,
                    y.element);
        } else if (byPattern) {
            cmp = (x, y) -> {
                if (x.compareBy == null || y.compareBy == null) {
                    return x.compareBy == y.compareBy ? 0 : x.compareBy == null ? -1 : 1;
                }
                return Arrays.compareUnsigned(x.compareBy, y.compareBy);
            };
        } else {
            cmp = (x, y) -> Arrays.compareUnsigned(x.element, y.element);
        }
        return desc ? cmp.reversed() : cmp;
    }

    /** SORT: the sorted key and the STORE destination (the last one given), as Redis's sortGetKeys. */
    @Override
    public List<Integer> keyPositions(List<byte[]> argv) {
        if (readOnly) {
            return null;
        }
        int stored = -1;
        for (int i = 2; i < argv.size(); i++) {
            byte[] a = argv.get(i);
            if (CText.equalsIgnoreCase(a, "limit")) {
                i += 2;
            } else if (CText.equalsIgnoreCase(a, "get") || CText.equalsIgnoreCase(a, "by")) {
                i += 1;
            } else if (CText.equalsIgnoreCase(a, "store") && i + 1 < argv.size()) {
                stored = i + 1;
            }
        }
        return stored < 0 ? List.of(1) : List.of(1, stored);
    }
}
