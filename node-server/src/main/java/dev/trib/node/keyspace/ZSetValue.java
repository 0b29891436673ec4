package dev.trib.node.keyspace;

import java.util.function.BiConsumer;

/**
 * A sorted set: a {@link ScoreTree} for order and ranks plus a {@link MemberTable} from member to
 * element for O(1) score lookups and ZSCAN cursors. The {@code compact} flag tracks whether Redis
 * would still hold this set as a listpack (at most {@value #MAX_COMPACT_ENTRIES} members of at
 * most {@value #MAX_COMPACT_VALUE} bytes), which changes what ZSCAN returns.
 */
public final class ZSetValue implements RedisValue {
    public static final int MAX_COMPACT_ENTRIES = 128;
    public static final int MAX_COMPACT_VALUE = 64;

    private final ScoreTree tree = new ScoreTree();
    private final MemberTable members = new MemberTable();
    private boolean compact;

    private ZSetValue(boolean compact) {
        this.compact = compact;
    }

    /** An empty sorted set in the encoding Redis picks from the first member ZADD will insert. */
    public static ZSetValue forFirstMember(int memberLength) {
        return new ZSetValue(memberLength <= MAX_COMPACT_VALUE);
    }

    /** An empty sorted set in the encoding Redis picks for this many members, the longest of them this long. */
    public static ZSetValue forSize(int size, int longestMember) {
        return new ZSetValue(size <= MAX_COMPACT_ENTRIES && longestMember <= MAX_COMPACT_VALUE);
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
        ScoreTree.Node node = members.get(member);
        return node == null ? null : node.score();
    }

    /** Adds a member known to be absent. */
    public void add(Key member, double score) {
        if (compact && (members.size() + 1 > MAX_COMPACT_ENTRIES || member.length() > MAX_COMPACT_VALUE)) {
            compact = false;
        }
        members.add(tree.insert(stored(score), member));
    }

    /** The member's element, or null: lets a read and a score change share one lookup. */
    public ScoreTree.Node element(Key member) {
        return members.get(member);
    }

    /** Changes the score of one of this set's elements. */
    public void setScore(ScoreTree.Node node, double score) {
        score = stored(score);
        if (node.score() != score) {
            tree.updateScore(node, score); // the same element moves: the member table keeps pointing at it
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
        ScoreTree.Node node = members.remove(member);
        if (node == null) {
            return false;
        }
        tree.delete(node);
        return true;
    }

    /** 0-based rank, counted from the highest score when {@code reverse}; -1 when absent. */
    public long rank(Key member, boolean reverse) {
        ScoreTree.Node node = members.get(member);
        if (node == null) {
            return -1;
        }
        long rank = tree.rank(node);
        return reverse ? size() - 1 - rank : rank;
    }

    /** The node at a 0-based ascending rank, or null. */
    public ScoreTree.Node atRank(long rank) {
        return tree.byRank(rank);
    }

    public ScoreTree.Node first() {
        return tree.first();
    }

    public ScoreTree.Node last() {
        return tree.last();
    }

    public ScoreTree.Node firstInRange(ScoreRange range) {
        return tree.firstInRange(range);
    }

    public ScoreTree.Node lastInRange(ScoreRange range) {
        return tree.lastInRange(range);
    }

    public ScoreTree.Node firstInLexRange(LexRange range) {
        return tree.firstInLexRange(range);
    }

    public ScoreTree.Node lastInLexRange(LexRange range) {
        return tree.lastInLexRange(range);
    }

    /** Number of members with a score inside the range. */
    public long count(ScoreRange range) {
        ScoreTree.Node first = tree.firstInRange(range);
        return first == null ? 0 : span(first, tree.lastInRange(range));
    }

    /** Number of members inside the lexicographic range (meaningful when all scores are equal, as in Redis). */
    public long countLex(LexRange range) {
        ScoreTree.Node first = tree.firstInLexRange(range);
        return first == null ? 0 : span(first, tree.lastInLexRange(range));
    }

    /** Members from first to last inclusive, by their ranks. */
    private long span(ScoreTree.Node first, ScoreTree.Node last) {
        return tree.rank(last) - tree.rank(first) + 1;
    }

    /** One SCAN step over the member table (what ZSCAN walks once the set is not compact). */
    public long scan(long cursor, BiConsumer<Key, Double> action) {
        return members.scan(cursor, node -> action.accept(node.member(), node.score()));
    }
}
