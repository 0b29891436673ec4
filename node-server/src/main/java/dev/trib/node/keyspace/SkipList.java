package dev.trib.node.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The ordered half of a sorted set: a skip list whose links carry spans, so rank lookups and
 * access by rank are O(log n). Elements are ordered by score, then by member bytes (memcmp order),
 * with primitive double comparison so -0 and 0 tie like they do in C.
 */
public final class SkipList {
    private static final int MAX_LEVEL = 32;

    /**
     * One element; read-only outside this class. Its first three levels' links sit in fields, the rest (one node in
     * 64) in arrays: a search reads a node's next link from the node it has just compared, rather than from an array
     * elsewhere in memory, and most nodes carry no array at all. Level 0's span is 1, or 0 at the end: not stored.
     */
    public static final class Node {
        private static final int INLINE = 3;
        private final Key member;
        private double score;
        private Node backward;
        private Node f0;
        private Node f1;
        private Node f2;
        private int s1;
        private int s2;
        /** Links and spans of levels 3 and up; null for a node of three levels or fewer. */
        private final Node[] upper;
        private final int[] upperSpans;

        private Node(Key member, double score, int levels) {
            this.member = member;
            this.score = score;
            this.upper = levels > INLINE ? new Node[levels - INLINE] : null;
            this.upperSpans = levels > INLINE ? new int[levels - INLINE] : null;
        }

        public Key member() {
            return member;
        }

        public double score() {
            return score;
        }

        /** The next element in ascending order, or null. */
        public Node next() {
            return f0;
        }

        /** The previous element, or null. */
        public Node previous() {
            return backward;
        }

        private Node forward(int level) {
            return switch (level) {
                case 0 -> f0;
                case 1 -> f1;
                case 2 -> f2;
                default -> upper[level - INLINE];
            };
        }

        private void forward(int level, Node node) {
            switch (level) {
                case 0 -> f0 = node;
                case 1 -> f1 = node;
                case 2 -> f2 = node;
                default -> upper[level - INLINE] = node;
            }
        }

        private long span(int level) {
            return switch (level) {
                case 0 -> f0 == null ? 0 : 1;
                case 1 -> s1;
                case 2 -> s2;
                default -> upperSpans[level - INLINE];
            };
        }

        private void span(int level, long span) {
            switch (level) {
                case 0 -> { }
                case 1 -> s1 = (int) span;
                case 2 -> s2 = (int) span;
                default -> upperSpans[level - INLINE] = (int) span;
            }
        }
    }

    /** insert's and delete's per-level work arrays, reused: a fresh pair per call was ~420 bytes of garbage a ZADD. */
    private static final ThreadLocal<Node[]> UPDATE = ThreadLocal.withInitial(() -> new Node[MAX_LEVEL]);
    private static final ThreadLocal<long[]> RANK = ThreadLocal.withInitial(() -> new long[MAX_LEVEL]);

    private final Node header = new Node(null, 0, MAX_LEVEL);
    private Node tail;
    private long length;
    private int level = 1;

    public long length() {
        return length;
    }

    public Node first() {
        return header.forward(0);
    }

    public Node last() {
        return tail;
    }

    private static boolean precedes(Node n, double score, Key member) {
        return n.score < score || (n.score == score && n.member.compareTo(member) < 0);
    }

    public Node insert(double score, Key member) {
        Node[] update = UPDATE.get();
        long[] rank = RANK.get();
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward(i) != null && precedes(x.forward(i), score, member)) {
                rank[i] += x.span(i);
                x = x.forward(i);
            }
            update[i] = x;
        }
        int newLevel = randomLevel();
        if (newLevel > level) {
            for (int i = level; i < newLevel; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span(i, length);
            }
            level = newLevel;
        }
        Node node = new Node(member, score, newLevel);
        for (int i = 0; i < newLevel; i++) {
            node.forward(i, update[i].forward(i));
            update[i].forward(i, node);
            node.span(i, update[i].span(i) - (rank[0] - rank[i]));
            update[i].span(i, rank[0] - rank[i] + 1);
        }
        for (int i = newLevel; i < level; i++) {
            update[i].span(i, update[i].span(i) + 1);
        }
        node.backward = update[0] == header ? null : update[0];
        if (node.forward(0) != null) {
            node.forward(0).backward = node;
        } else {
            tail = node;
        }
        length++;
        java.util.Arrays.fill(update, 0, level, null); // the shared array must not keep this list reachable
        return node;
    }

    /** @return true when the element (score, member) was found and removed */
    public boolean delete(double score, Key member) {
        Node[] update = UPDATE.get();
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && precedes(x.forward(i), score, member)) {
                x = x.forward(i);
            }
            update[i] = x;
        }
        int levels = level;
        x = x.forward(0);
        boolean found = x != null && x.score == score && x.member.equals(member);
        if (found) {
            unlink(x, update);
        }
        java.util.Arrays.fill(update, 0, levels, null); // the shared array must not keep this list reachable
        return found;
    }

    /** Moves an element to a new score, in place when its neighbours allow it. */
    public Node updateScore(Node node, double newScore) {
        boolean afterPrev = node.backward == null || node.backward.score < newScore
                || (node.backward.score == newScore && node.backward.member.compareTo(node.member) < 0);
        Node next = node.forward(0);
        boolean beforeNext = next == null || next.score > newScore
                || (next.score == newScore && next.member.compareTo(node.member) > 0);
        if (afterPrev && beforeNext) {
            node.score = newScore;
            return node;
        }
        delete(node.score, node.member);
        return insert(newScore, node.member);
    }

    /** 1-based rank of the element, or 0 when absent. */
    public long rank(double score, Key member) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && (x.forward(i).score < score
                    || (x.forward(i).score == score && x.forward(i).member.compareTo(member) <= 0))) {
                rank += x.span(i);
                x = x.forward(i);
            }
            if (x.member != null && x.member.equals(member)) {
                return rank;
            }
        }
        return 0;
    }

    /** The element at a 1-based rank, or null. */
    public Node byRank(long rank) {
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && traversed + x.span(i) <= rank) {
                traversed += x.span(i);
                x = x.forward(i);
            }
            if (traversed == rank) {
                return x == header ? null : x;
            }
        }
        return null;
    }

    public Node firstInRange(ScoreRange range) {
        if (!range.isSatisfiable()) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && !range.aboveMin(x.forward(i).score)) {
                x = x.forward(i);
            }
        }
        x = x.forward(0);
        return x != null && range.belowMax(x.score) ? x : null;
    }

    public Node lastInRange(ScoreRange range) {
        if (!range.isSatisfiable()) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && range.belowMax(x.forward(i).score)) {
                x = x.forward(i);
            }
        }
        return x != header && range.aboveMin(x.score) ? x : null;
    }

    /** First element whose member is inside the range; meaningful when all scores are equal, as BYLEX assumes. */
    public Node firstInLexRange(LexRange range) {
        if (!overlapsLex(range)) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && !range.aboveMin(x.forward(i).member)) {
                x = x.forward(i);
            }
        }
        x = x.forward(0);
        return x != null && range.belowMax(x.member) ? x : null;
    }

    public Node lastInLexRange(LexRange range) {
        if (!overlapsLex(range)) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && range.belowMax(x.forward(i).member)) {
                x = x.forward(i);
            }
        }
        return x != header && range.aboveMin(x.member) ? x : null;
    }

    /** Redis's quick rejection: the range must be satisfiable and reach the first and last members. */
    private boolean overlapsLex(LexRange range) {
        return range.isSatisfiable() && tail != null && range.aboveMin(tail.member)
                && range.belowMax(header.forward(0).member);
    }

    private void unlink(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward(i) == x) {
                update[i].span(i, update[i].span(i) + x.span(i) - 1);
                update[i].forward(i, x.forward(i));
            } else {
                update[i].span(i, update[i].span(i) - 1);
            }
        }
        if (x.forward(0) != null) {
            x.forward(0).backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward(level - 1) == null) {
            level--;
        }
        length--;
    }

    /** Level k with probability 1/4^(k-1), as Redis's ZSKIPLIST_P = 0.25. */
    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && random.nextInt(4) == 0) {
            lvl++;
        }
        return lvl;
    }
}
