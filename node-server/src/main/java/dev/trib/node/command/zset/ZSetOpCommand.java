package dev.trib.node.command.zset;

import dev.trib.node.command.Args;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.Errors;
import dev.trib.node.command.NumKeysCommand;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CFloat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * ZUNION, ZINTER and ZDIFF numkeys key [key ...] (WEIGHTS, AGGREGATE SUM|MIN|MAX and WITHSCORES where Redis allows
 * them), their STORE forms with a destination first, and ZINTERCARD numkeys key [key ...] [LIMIT limit]. Plain sets
 * take part with score 1. Option parsing, its errors and the NaN-to-zero rule follow Redis's
 * zunionInterDiffGenericCommand.
 */
public record ZSetOpCommand(Keyspace keyspace, Op op, boolean store, boolean cardinalityOnly) implements NumKeysCommand {
    private static final ErrorReply WEIGHT_NOT_FLOAT = new ErrorReply("ERR weight value is not a float");
    private static final ErrorReply LIMIT_NEGATIVE = new ErrorReply("ERR LIMIT can't be negative");

    public enum Op { UNION, INTER, DIFF }

    private enum Aggregate { SUM, MIN, MAX }

    /** One input: its value (null for a missing key) and weight. */
    private static final class Source {
        final RedisValue value;
        double weight = 1;

        Source(RedisValue value) {
            this.value = value;
        }

        int size() {
            return value instanceof ZSetValue z ? z.size() : value instanceof SetValue s ? s.size() : 0;
        }

        void forEach(BiConsumer<Key, Double> action) {
            if (value instanceof ZSetValue z) {
                for (ScoreTree.Node n = z.first(); n != null; n = n.next()) {
                    action.accept(n.member(), n.score());
                }
            } else if (value instanceof SetValue s) {
                s.forEach(member -> action.accept(Key.of(member), 1.0));
            }
        }

        Double score(Key member) {
            if (value instanceof ZSetValue z) {
                return z.score(member);
            }
            return value instanceof SetValue s && s.contains(member.bytes()) ? 1.0 : null;
        }
    }

    @Override
    public int numkeysIndex() {
        return store ? 2 : 1;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        int numkeysIndex = store ? 2 : 1;
        long setnum = Args.toLong(request.arg(numkeysIndex));
        if (setnum < 1) {
            return new ErrorReply("ERR at least 1 input key is needed for '"
                    + CommandTable.lowerName(request.arg(0)) + "' command");
        }
        if (setnum > request.argc() - numkeysIndex - 1) {
            return Errors.SYNTAX;
        }
        List<Source> sources = new ArrayList<>((int) setnum);
        int j = numkeysIndex + 1;
        for (int i = 0; i < setnum; i++, j++) {
            RedisValue v = keyspace.get(request.key(j));
            if (v != null && !(v instanceof ZSetValue) && !(v instanceof SetValue)) {
                return Errors.WRONGTYPE;
            }
            sources.add(new Source(v));
        }
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        boolean weighable = op != Op.DIFF && !cardinalityOnly;
        while (j < request.argc()) {
            int remaining = request.argc() - j;
            if (weighable && remaining >= setnum + 1 && request.argIs(j, "weights")) {
                j++;
                for (Source s : sources) {
                    Double w = CFloat.parseStrictDouble(request.arg(j++));
                    if (w == null) {
                        return WEIGHT_NOT_FLOAT;
                    }
                    s.weight = w;
                }
            } else if (weighable && remaining >= 2 && request.argIs(j, "aggregate")) {
                aggregate = aggregate(request, j + 1);
                if (aggregate == null) {
                    return Errors.SYNTAX;
                }
                j += 2;
            } else if (!store && !cardinalityOnly && request.argIs(j, "withscores")) {
                withScores = true;
                j++;
            } else if (cardinalityOnly && remaining >= 2 && request.argIs(j, "limit")) {
                limit = Args.toNonNegativeLong(request.arg(j + 1), LIMIT_NEGATIVE);
                j += 2;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (op != Op.DIFF) {
            sources.sort(Comparator.comparingInt(Source::size));
        }
        Map<Key, Double> result = new LinkedHashMap<>();
        long cardinality = switch (op) {
            case INTER -> intersect(sources, aggregate, cardinalityOnly ? limit : -1, result);
            case UNION -> union(sources, aggregate, result);
            case DIFF -> difference(sources, result);
        };
        if (cardinalityOnly) {
            return Replies.integer(cardinality);
        }
        ZSetValue zset = ZSets.of(result, store);
        if (store) {
            return Replies.integer(ZSets.store(keyspace, request.key(1), zset));
        }
        return ZSets.reply(ZSets.nodes(zset), withScores);
    }

    private static Aggregate aggregate(CommandRequest request, int index) {
        for (Aggregate a : Aggregate.values()) {
            if (request.argIs(index, a.name().toLowerCase(java.util.Locale.ROOT))) {
                return a;
            }
        }
        return null;
    }

    /**
     * Members of the smallest input found in all others, scores combined; with a limit (ZINTERCARD: 0 for none) only
     * counted, up to it.
     */
    private static long intersect(List<Source> sources, Aggregate aggregate, long countLimit, Map<Key, Double> out) {
        Source first = sources.get(0);
        long[] count = {0};
        first.forEach((member, score) -> {
            if (countLimit > 0 && count[0] >= countLimit) {
                return;
            }
            double total = weighted(first.weight, score);
            for (int i = 1; i < sources.size(); i++) {
                Source other = sources.get(i);
                Double s = other.value == first.value ? score : other.score(member);
                if (s == null) {
                    return;
                }
                total = combine(aggregate, total, s * other.weight);
            }
            count[0]++;
            if (countLimit < 0) {
                out.put(member, total);
            }
        });
        return count[0];
    }

    private static long union(List<Source> sources, Aggregate aggregate, Map<Key, Double> out) {
        for (Source source : sources) {
            source.forEach((member, score) -> {
                double value = weighted(source.weight, score);
                out.merge(member, value, (old, v) -> combine(aggregate, old, v));
            });
        }
        return out.size();
    }

    /** Members of the first input in none of the others, with their first-input scores. */
    private static long difference(List<Source> sources, Map<Key, Double> out) {
        Source first = sources.get(0);
        first.forEach((member, score) -> {
            for (int i = 1; i < sources.size(); i++) {
                if (sources.get(i).score(member) != null) {
                    return;
                }
            }
            out.put(member, score);
        });
        return out.size();
    }

    private static double weighted(double weight, double score) {
        double v = weight * score;
        return Double.isNaN(v) ? 0 : v;
    }

    private static double combine(Aggregate aggregate, double target, double value) {
        return switch (aggregate) {
            case SUM -> {
                double sum = target + value;
                yield Double.isNaN(sum) ? 0 : sum;
            }
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
        };
    }
}
