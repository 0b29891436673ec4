package dev.trib.node.keyspace;

import java.util.function.BiConsumer;

/**
 * A sorted set: a {@link SkipList} for order and ranks plus a {@link ScanTable} from member to
 * node for O(1) score lookups and ZSCAN cursors. The {@code compact} flag tracks whether Redis
 * would still hold this set as a listpack (at most {@value #MAX_COMPACT_ENTRIES} members of at
 * most {@value #MAX_COMPACT_VALUE} bytes), which changes what ZSCAN returns.
 */
public final class ZSetValue implements RedisValue {
    public static final int MAX_COMPACT_ENTRIES = 128;
    public static final int MAX_COMPACT_VALUE = 64;

    private final SkipList list = new SkipList();
    private final ScanTable<SkipList.Node> members = new ScanTable<>();
    private boolean compact;

    private ZSetValue(boolean compact) {
        this.compact = compact;
    }

    /** An empty sorted set in the encoding Redis picks from the first member ZADD will insert. */
    public static ZSetValue forFirstMember(int memberLength) {
        return new ZSetValue(memberLength <= MAX_COMPACT_VALUE);
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    public boolean isCompact() {
        return compact;
    }

    /** Leaves the compact encoding for good, as SORT does to a sorted set in redis-server. */
    public void convertToSkiplist() {
        compact = false;
    }

    public int size() {
        return members.size();
    }

    /** @return the score, or null when the member is absent */
    public Double score(Key member) {
        SkipList.Node node = members.get(member);
        return node == null ? null : node.score();
    }

    /** Adds a member known to be absent. */
    public void add(Key member, double score) {
        if (compact && (members.size() + 1 > MAX_COMPACT_ENTRIES || member.length() > MAX_COMPACT_VALUE)) {
            compact = false;
        }
        members.put(member, list.insert(stored(score), member));
    }

    /** Changes the score of a member known to be present. */
    public void setScore(Key member, double score) {
        score = stored(score);
        SkipList.Node node = members.get(member);
        if (node.score() != score) {
            members.put(member, list.updateScore(node, score));
        }
    }

    /**
     * A listpack stores integral scores as integers, so a compact set cannot keep -0: it reads back
     * as 0. The skiplist encoding keeps the sign, as in Redis.
     */
    private double stored(double score) {
        return compact && score == 0 ? 0.0 : score;
    }

    /** @return true when the member was present */
    public boolean remove(Key member) {
        SkipList.Node node = members.remove(member);
        if (node == null) {
            return false;
        }
        list.delete(node.score(), member);
        return true;
    }

    /** 0-based rank, counted from the highest score when {@code reverse}; -1 when absent. */
    public long rank(Key member, boolean reverse) {
        SkipList.Node node = members.get(member);
        if (node == null) {
            return -1;
        }
        long rank = list.rank(node.score(), member) - 1;
        return reverse ? size() - 1 - rank : rank;
    }

    /** The node at a 0-based ascending rank, or null. */
    public SkipList.Node atRank(long rank) {
        return list.byRank(rank + 1);
    }

    public SkipList.Node first() {
        return list.first();
    }

    public SkipList.Node last() {
        return list.last();
    }

    public SkipList.Node firstInRange(ScoreRange range) {
        return list.firstInRange(range);
    }

    public SkipList.Node lastInRange(ScoreRange range) {
        return list.lastInRange(range);
    }

    public SkipList.Node firstInLexRange(LexRange range) {
        return list.firstInLexRange(range);
    }

    public SkipList.Node lastInLexRange(LexRange range) {
        return list.lastInLexRange(range);
    }

    /** Number of members with a score inside the range. */
    public long count(ScoreRange range) {
        SkipList.Node first = list.firstInRange(range);
        return first == null ? 0 : span(first, list.lastInRange(range));
    }

    /** Number of members inside the lexicographic range (meaningful when all scores are equal, as in Redis). */
    public long countLex(LexRange range) {
        SkipList.Node first = list.firstInLexRange(range);
        return first == null ? 0 : span(first, list.lastInLexRange(range));
    }

    /** Members from first to last inclusive, by their ranks. */
    private long span(SkipList.Node first, SkipList.Node last) {
        return list.rank(last.score(), last.member()) - list.rank(first.score(), first.member()) + 1;
    }

    /** One SCAN step over the member table (what ZSCAN walks once the set is not compact). */
    public long scan(long cursor, BiConsumer<Key, Double> action) {
        return members.scan(cursor, (k, node) -> action.accept(k, node.score()));
    }
}
