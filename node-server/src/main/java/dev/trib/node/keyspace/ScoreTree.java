package dev.trib.node.keyspace;

import java.util.Arrays;

/**
 * The ordered half of a sorted set: an order-statistic B+ tree. Elements are ordered by score, then by member bytes
 * (memcmp order), with primitive double comparison so -0 and 0 tie like they do in C.
 *
 * <p>Leaves keep their scores in a {@code double[]} beside the elements, so a search compares primitives and reads a
 * member only on a tie. Inner nodes keep each child's element count (rank and access by rank in O(log n)) and a
 * separator per child (a lower bound: the score and member bytes its first element had). Why not the skip list it
 * replaces: a skip-list insert stored references to the new node into two or three random old nodes, and the young
 * collection then scanned each of those dirty cards object by object; here an insert stores references only into
 * object arrays (the leaf's elements, the member table's buckets) and updates counts, which are primitive.
 *
 * <p>An element does not know its leaf (a split would then store into every element it moves): {@link Node#next()}
 * and {@link Node#previous()} go through a cursor the tree keeps on the element it last returned, so walking k
 * elements from a position costs O(log n + k); a step from any other element first finds it from the root. Because a
 * walk moves that cursor, the tree is not safe for concurrent use even by readers (sorted sets live on the keyspace's
 * event loop).
 */
public final class ScoreTree {
    static final int LEAF_CAPACITY = 128;
    static final int FANOUT = 32;
    /** A single-leaf tree starts this small: most sorted sets are small. */
    private static final int FIRST_LEAF = 4;

    /**
     * One element, a stable handle for as long as it is in the set: a score change moves this object rather than
     * replacing it. It is also the entry of the set's {@link MemberTable} ({@code chain}), so a member costs one object.
     */
    public static final class Node {
        final byte[] member;
        final int hash;
        double score;
        /** The next element in the same member-table bucket. */
        Node chain;
        private final ScoreTree tree;

        private Node(byte[] member, int hash, double score, ScoreTree tree) {
            this.member = member;
            this.hash = hash;
            this.score = score;
            this.tree = tree;
        }

        public Key member() {
            return Key.of(member, hash);
        }

        /** The member's bytes; callers must not modify them. */
        public byte[] memberBytes() {
            return member;
        }

        public double score() {
            return score;
        }

        /** The next element in ascending order, or null. */
        public Node next() {
            return tree.next(this);
        }

        /** The previous element, or null. */
        public Node previous() {
            return tree.previous(this);
        }
    }

    private static final class Leaf {
        double[] scores;
        Node[] elems;
        int size;
        Leaf prev;
        Leaf next;

        Leaf(int capacity) {
            scores = new double[capacity];
            elems = new Node[capacity];
        }
    }

    /** Child i holds counts[i] elements, all at or above separator i (unused for child 0 but at a split). */
    private static final class Inner {
        final Object[] children;
        final int[] counts;
        final double[] sepScores;
        final byte[][] sepMembers;
        int size;

        Inner(int fanout) {
            // One slot spare: a child is inserted first and the node split afterwards.
            children = new Object[fanout + 1];
            counts = new int[fanout + 1];
            sepScores = new double[fanout + 1];
            sepMembers = new byte[fanout + 1][];
        }
    }

    private final int leafCapacity;
    private final int fanout;
    private final int minLeaf;
    private final int minInner;
    private Object root;
    private Leaf head;
    private Leaf tail;
    private int size;
    /** The element last returned and where it sits; valid while cursorLeaf.elems[cursorIndex] is still it. */
    private Node cursorNode;
    private Leaf cursorLeaf;
    private int cursorIndex;

    public ScoreTree() {
        this(LEAF_CAPACITY, FANOUT);
    }

    /** Small capacities let tests build deep trees from few elements. */
    ScoreTree(int leafCapacity, int fanout) {
        if (leafCapacity < 2 || fanout < 3) {
            throw new IllegalArgumentException("leaf capacity >= 2 and fanout >= 3");
        }
        this.leafCapacity = leafCapacity;
        this.fanout = fanout;
        this.minLeaf = Math.max(1, leafCapacity / 4);
        this.minInner = Math.max(2, fanout / 4);
        Leaf leaf = new Leaf(Math.min(FIRST_LEAF, leafCapacity));
        root = leaf;
        head = leaf;
        tail = leaf;
    }

    public int size() {
        return size;
    }

    /** Orders (s1, m1) against (s2, m2): primitive score comparison first, so -0.0 and 0.0 tie and the members decide. */
    private static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        return s1 < s2 ? -1 : s1 > s2 ? 1 : Arrays.compareUnsigned(m1, m2);
    }

    /** The first index in the leaf whose element is not below (score, member). */
    private static int lowerBound(Leaf leaf, double score, byte[] member) {
        int lo = 0;
        int hi = leaf.size;
        double[] scores = leaf.scores;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double s = scores[mid];
            if (s < score || (s == score && Arrays.compareUnsigned(leaf.elems[mid].member, member) < 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The child whose range holds (score, member): the last one whose separator is not above it. */
    private static int childFor(Inner in, double score, byte[] member) {
        int lo = 1;
        int hi = in.size - 1;
        int child = 0;
        double[] seps = in.sepScores;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            double s = seps[mid];
            if (s < score || (s == score && Arrays.compareUnsigned(in.sepMembers[mid], member) <= 0)) {
                child = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return child;
    }

    // ---- insertion

    /** Adds a member known to be absent; the new element. */
    public Node insert(double score, Key member) {
        Node e = new Node(member.bytes(), member.hashCode(), score, this);
        add(e);
        return e;
    }

    private void add(Node e) {
        Object right = root instanceof Leaf leaf ? addToLeaf(leaf, e) : addToInner((Inner) root, e);
        size++;
        if (right != null) {
            Inner top = new Inner(fanout);
            int rightCount = count(right);
            top.children[0] = root;
            top.counts[0] = size - rightCount;
            top.size = 1;
            insertChild(top, 1, right, rightCount);
            root = top;
        }
    }

    /** Inserts into the leaf; the new right sibling when the leaf had to split, else null. */
    private Object addToLeaf(Leaf leaf, Node e) {
        int i = lowerBound(leaf, e.score, e.member);
        int n = leaf.size;
        if (n < leaf.elems.length) {
            insertAt(leaf, i, e);
            return null;
        }
        if (n < leafCapacity) {
            resize(leaf, Math.min(leafCapacity, n * 2));
            insertAt(leaf, i, e);
            return null;
        }
        Leaf right = new Leaf(leafCapacity);
        right.prev = leaf;
        right.next = leaf.next;
        if (leaf.next != null) {
            leaf.next.prev = right;
        } else {
            tail = right;
        }
        leaf.next = right;
        if (i == n && right.next == null) {
            // Appending after the last element (ascending inserts, e.g. timestamps): keep the full leaf full.
            insertAt(right, 0, e);
        } else if (i == 0 && leaf.prev == null) {
            // Prepending before the first element: the mirror case.
            move(leaf, 0, right, 0, n);
            leaf.size = 0;
            right.size = n;
            insertAt(leaf, 0, e);
        } else {
            int half = n / 2;
            move(leaf, half, right, 0, n - half);
            leaf.size = half;
            right.size = n - half;
            if (i <= half) {
                insertAt(leaf, i, e);
            } else {
                insertAt(right, i - half, e);
            }
        }
        return right;
    }

    private Object addToInner(Inner in, Node e) {
        int c = childFor(in, e.score, e.member);
        in.counts[c]++;
        Object child = in.children[c];
        Object split = child instanceof Leaf leaf ? addToLeaf(leaf, e) : addToInner((Inner) child, e);
        if (split == null) {
            return null;
        }
        int moved = count(split);
        in.counts[c] -= moved;
        insertChild(in, c + 1, split, moved);
        return in.size > fanout ? splitInner(in) : null;
    }

    private Inner splitInner(Inner in) {
        int n = in.size;
        int half = n / 2;
        Inner right = new Inner(fanout);
        int k = n - half;
        copySlots(in, half, right, 0, k);
        clearSlots(in, half, n);
        in.size = half;
        right.size = k;
        return right;
    }

    private void insertChild(Inner in, int at, Object child, int count) {
        copySlots(in, at, in, at + 1, in.size - at);
        in.children[at] = child;
        in.counts[at] = count;
        if (child instanceof Leaf leaf) {
            in.sepScores[at] = leaf.scores[0];
            in.sepMembers[at] = leaf.elems[0].member;
        } else {
            Inner inner = (Inner) child;
            in.sepScores[at] = inner.sepScores[0];
            in.sepMembers[at] = inner.sepMembers[0];
        }
        in.size++;
    }

    private static int count(Object page) {
        if (page instanceof Leaf leaf) {
            return leaf.size;
        }
        Inner in = (Inner) page;
        int total = 0;
        for (int i = 0; i < in.size; i++) {
            total += in.counts[i];
        }
        return total;
    }

    private static void insertAt(Leaf leaf, int i, Node e) {
        copy(leaf, i, leaf, i + 1, leaf.size - i);
        leaf.scores[i] = e.score;
        leaf.elems[i] = e;
        leaf.size++;
    }

    private static void removeAt(Leaf leaf, int i) {
        int last = leaf.size - 1;
        copy(leaf, i + 1, leaf, i, last - i);
        leaf.elems[last] = null;
        leaf.size = last;
    }

    /** Copies a run of elements with their scores (the runs may overlap); the caller clears what is left behind. */
    private static void copy(Leaf from, int fromIndex, Leaf to, int toIndex, int length) {
        System.arraycopy(from.scores, fromIndex, to.scores, toIndex, length);
        System.arraycopy(from.elems, fromIndex, to.elems, toIndex, length);
    }

    /** Moves a run of elements to another leaf, clearing the slots it leaves. */
    private static void move(Leaf from, int fromIndex, Leaf to, int toIndex, int length) {
        copy(from, fromIndex, to, toIndex, length);
        Arrays.fill(from.elems, fromIndex, fromIndex + length, null);
    }

    private static void resize(Leaf leaf, int capacity) {
        leaf.scores = Arrays.copyOf(leaf.scores, capacity);
        leaf.elems = Arrays.copyOf(leaf.elems, capacity);
    }

    // ---- removal

    /** Removes an element of this tree. */
    public void delete(Node e) {
        if (root instanceof Leaf leaf) {
            removeAt(leaf, indexIn(leaf, e));
        } else {
            removeFromInner((Inner) root, e);
            while (root instanceof Inner top && top.size == 1) {
                root = top.children[0];
            }
        }
        size--;
        if (cursorNode == e) {
            cursorNode = null;
            cursorLeaf = null;
        }
    }

    private static int indexIn(Leaf leaf, Node e) {
        int i = lowerBound(leaf, e.score, e.member);
        if (i >= leaf.size || leaf.elems[i] != e) {
            throw new IllegalStateException("element not in this sorted set");
        }
        return i;
    }

    private void removeFromInner(Inner in, Node e) {
        int c = childFor(in, e.score, e.member);
        in.counts[c]--;
        Object child = in.children[c];
        if (child instanceof Leaf leaf) {
            removeAt(leaf, indexIn(leaf, e));
            if (leaf.size < minLeaf) {
                fixLeaf(in, c);
            }
        } else {
            Inner inner = (Inner) child;
            removeFromInner(inner, e);
            if (inner.size < minInner) {
                fixInner(in, c);
            }
        }
    }

    /** A leaf fell below the minimum: merge it with a sibling when both fit in one leaf, else even them out. */
    private void fixLeaf(Inner in, int c) {
        int l = c + 1 < in.size ? c : c - 1;
        Leaf left = (Leaf) in.children[l];
        Leaf right = (Leaf) in.children[l + 1];
        int total = left.size + right.size;
        if (total <= leafCapacity) {
            if (left.elems.length < total) {
                resize(left, leafCapacity);
            }
            move(right, 0, left, left.size, right.size);
            left.size = total;
            right.size = 0; // an emptied leaf must fail the cursor's check
            left.next = right.next;
            if (right.next != null) {
                right.next.prev = left;
            } else {
                tail = left;
            }
            in.counts[l] += in.counts[l + 1];
            removeChild(in, l + 1);
            return;
        }
        int k;
        if (left.size < right.size) {
            k = (right.size - left.size) / 2;
            copy(right, 0, left, left.size, k);
            left.size += k;
            int rest = right.size - k;
            copy(right, k, right, 0, rest);
            Arrays.fill(right.elems, rest, right.size, null);
            right.size = rest;
        } else {
            k = (right.size - left.size) / 2; // negative: elements move right
            int m = -k;
            copy(right, 0, right, m, right.size);
            move(left, left.size - m, right, 0, m);
            left.size -= m;
            right.size += m;
        }
        in.counts[l] += k;
        in.counts[l + 1] -= k;
        in.sepScores[l + 1] = right.scores[0];
        in.sepMembers[l + 1] = right.elems[0].member;
    }

    /** An inner node fell below the minimum: as {@link #fixLeaf}, with the parent's separator moving between them. */
    private void fixInner(Inner in, int c) {
        int l = c + 1 < in.size ? c : c - 1;
        Inner left = (Inner) in.children[l];
        Inner right = (Inner) in.children[l + 1];
        int n = left.size;
        int r = right.size;
        if (n + r <= fanout) {
            copyChildren(right, 0, left, n, r);
            copySeparators(right, 1, left, n + 1, r - 1);
            copySeparators(in, l + 1, left, n, 1);
            left.size = n + r;
            in.counts[l] += in.counts[l + 1];
            removeChild(in, l + 1);
            return;
        }
        int moved = 0;
        if (n < r) {
            int k = (r - n) / 2;
            for (int i = 0; i < k; i++) {
                moved += right.counts[i];
            }
            copyChildren(right, 0, left, n, k);
            copySeparators(right, 1, left, n + 1, k - 1);
            copySeparators(in, l + 1, left, n, 1);
            left.size = n + k;
            copySeparators(right, k, in, l + 1, 1);
            int rest = r - k;
            copySlots(right, k, right, 0, rest);
            clearSlots(right, rest, r);
            right.size = rest;
        } else {
            int k = (n - r) / 2;
            for (int i = n - k; i < n; i++) {
                moved -= left.counts[i];
            }
            copyChildren(right, 0, right, k, r);
            copySeparators(right, 1, right, k + 1, r - 1);
            copySeparators(in, l + 1, right, k, 1);
            copySlots(left, n - k, right, 0, k);
            copySeparators(left, n - k, in, l + 1, 1);
            clearSlots(left, n - k, n);
            left.size = n - k;
            right.size = r + k;
        }
        in.counts[l] += moved;
        in.counts[l + 1] -= moved;
    }

    private static void removeChild(Inner in, int at) {
        int last = in.size - 1;
        copySlots(in, at + 1, in, at, last - at);
        clearSlots(in, last, last + 1);
        in.size = last;
    }

    /** Copies a run of an inner node's slots: children, counts, separators (the runs may overlap). */
    private static void copySlots(Inner from, int fromIndex, Inner to, int toIndex, int length) {
        copyChildren(from, fromIndex, to, toIndex, length);
        copySeparators(from, fromIndex, to, toIndex, length);
    }

    private static void copyChildren(Inner from, int fromIndex, Inner to, int toIndex, int length) {
        System.arraycopy(from.children, fromIndex, to.children, toIndex, length);
        System.arraycopy(from.counts, fromIndex, to.counts, toIndex, length);
    }

    /** Separators move on their own where a merge or a borrow passes one through the parent. */
    private static void copySeparators(Inner from, int fromIndex, Inner to, int toIndex, int length) {
        System.arraycopy(from.sepScores, fromIndex, to.sepScores, toIndex, length);
        System.arraycopy(from.sepMembers, fromIndex, to.sepMembers, toIndex, length);
    }

    /** Drops the references slots [from, to) held, so removed pages and members can be collected. */
    private static void clearSlots(Inner in, int from, int to) {
        Arrays.fill(in.children, from, to, null);
        Arrays.fill(in.sepMembers, from, to, null);
    }

    // ---- score change

    /** Moves an element to a new score: in place when it stays inside its leaf, else out and back in. */
    public void updateScore(Node e, double newScore) {
        if (!atCursor(e)) {
            seek(e);
        }
        Leaf leaf = cursorLeaf;
        int i = cursorIndex;
        int n = leaf.size;
        if (n >= 2) {
            int lo = i == 0 ? 1 : 0;
            int hi = i == n - 1 ? n - 2 : n - 1;
            // Strictly between two other elements of the leaf: inside the leaf's separators too.
            if (compare(leaf.scores[lo], leaf.elems[lo].member, newScore, e.member) < 0
                    && compare(newScore, e.member, leaf.scores[hi], leaf.elems[hi].member) < 0) {
                removeAt(leaf, i);
                e.score = newScore;
                int j = lowerBound(leaf, newScore, e.member);
                insertAt(leaf, j, e);
                cursor(leaf, j);
                return;
            }
        }
        delete(e);
        e.score = newScore;
        add(e);
    }

    // ---- positions

    private Node cursor(Leaf leaf, int i) {
        Node e = leaf.elems[i];
        cursorLeaf = leaf;
        cursorIndex = i;
        cursorNode = e;
        return e;
    }

    private boolean atCursor(Node e) {
        return cursorNode == e && cursorIndex < cursorLeaf.size && cursorLeaf.elems[cursorIndex] == e;
    }

    /** Finds the element from the root and leaves the cursor on it. */
    private void seek(Node e) {
        Object page = root;
        while (page instanceof Inner in) {
            page = in.children[childFor(in, e.score, e.member)];
        }
        Leaf leaf = (Leaf) page;
        cursor(leaf, indexIn(leaf, e));
    }

    Node next(Node e) {
        if (!atCursor(e)) {
            seek(e);
        }
        Leaf leaf = cursorLeaf;
        int i = cursorIndex + 1;
        if (i == leaf.size) {
            leaf = leaf.next;
            if (leaf == null) {
                return null;
            }
            i = 0;
        }
        return cursor(leaf, i);
    }

    Node previous(Node e) {
        if (!atCursor(e)) {
            seek(e);
        }
        Leaf leaf = cursorLeaf;
        int i = cursorIndex - 1;
        if (i < 0) {
            leaf = leaf.prev;
            if (leaf == null) {
                return null;
            }
            i = leaf.size - 1;
        }
        return cursor(leaf, i);
    }

    public Node first() {
        return head.size == 0 ? null : cursor(head, 0);
    }

    public Node last() {
        return tail.size == 0 ? null : cursor(tail, tail.size - 1);
    }

    /** 0-based rank of an element of this tree. */
    public long rank(Node e) {
        long rank = 0;
        Object page = root;
        while (page instanceof Inner in) {
            int c = childFor(in, e.score, e.member);
            for (int i = 0; i < c; i++) {
                rank += in.counts[i];
            }
            page = in.children[c];
        }
        Leaf leaf = (Leaf) page;
        int i = indexIn(leaf, e);
        cursor(leaf, i);
        return rank + i;
    }

    /** The element at a 0-based rank, or null. */
    public Node byRank(long rank) {
        if (rank < 0 || rank >= size) {
            return null;
        }
        int left = (int) rank;
        Object page = root;
        while (page instanceof Inner in) {
            int c = 0;
            while (left >= in.counts[c]) {
                left -= in.counts[c];
                c++;
            }
            page = in.children[c];
        }
        return cursor((Leaf) page, left);
    }

    // ---- ranges: found by descent, as the first element past a bound or the last one before it

    public Node firstInRange(ScoreRange range) {
        if (!range.isSatisfiable() || size == 0) {
            return null;
        }
        Node first = firstPast(new AboveMin(range));
        return first != null && range.belowMax(first.score) ? first : null;
    }

    public Node lastInRange(ScoreRange range) {
        if (!range.isSatisfiable() || size == 0) {
            return null;
        }
        Node last = lastBefore(new AboveMax(range));
        return last != null && range.aboveMin(last.score) ? last : null;
    }

    /** First element whose member is inside the range; meaningful when all scores are equal, as BYLEX assumes. */
    public Node firstInLexRange(LexRange range) {
        if (!overlapsLex(range)) {
            return null;
        }
        Node first = firstPast(new AboveLexMin(range));
        return first != null && range.belowMax(first.member) ? first : null;
    }

    public Node lastInLexRange(LexRange range) {
        if (!overlapsLex(range)) {
            return null;
        }
        Node last = lastBefore(new AboveLexMax(range));
        return last != null && range.aboveMin(last.member) ? last : null;
    }

    /**
     * A predicate that is false and then true along the order, read from a leaf's element or from an inner node's
     * separator (a lower bound of its child), so a score bound compares primitives only.
     */
    private interface Bound {
        boolean past(Leaf leaf, int i);

        boolean past(Inner in, int i);
    }

    private record AboveMin(ScoreRange range) implements Bound {
        public boolean past(Leaf leaf, int i) {
            return range.aboveMin(leaf.scores[i]);
        }

        public boolean past(Inner in, int i) {
            return range.aboveMin(in.sepScores[i]);
        }
    }

    private record AboveMax(ScoreRange range) implements Bound {
        public boolean past(Leaf leaf, int i) {
            return !range.belowMax(leaf.scores[i]);
        }

        public boolean past(Inner in, int i) {
            return !range.belowMax(in.sepScores[i]);
        }
    }

    private record AboveLexMin(LexRange range) implements Bound {
        public boolean past(Leaf leaf, int i) {
            return range.aboveMin(leaf.elems[i].member);
        }

        public boolean past(Inner in, int i) {
            return range.aboveMin(in.sepMembers[i]);
        }
    }

    private record AboveLexMax(LexRange range) implements Bound {
        public boolean past(Leaf leaf, int i) {
            return !range.belowMax(leaf.elems[i].member);
        }

        public boolean past(Inner in, int i) {
            return !range.belowMax(in.sepMembers[i]);
        }
    }

    /**
     * The leaf to search for where the bound is crossed: at each level the last child whose lower bound is not yet
     * past. The crossing is inside that leaf, or right at its end (the first element of the next leaf).
     */
    private Leaf descend(Bound bound) {
        Object page = root;
        while (page instanceof Inner in) {
            int lo = 1;
            int hi = in.size - 1;
            int c = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (bound.past(in, mid)) {
                    hi = mid - 1;
                } else {
                    c = mid;
                    lo = mid + 1;
                }
            }
            page = in.children[c];
        }
        return (Leaf) page;
    }

    /** Index of the leaf's first element past the bound, or its size. */
    private static int firstPastIn(Leaf leaf, Bound bound) {
        int lo = 0;
        int hi = leaf.size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bound.past(leaf, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The first element past the bound, or null. */
    private Node firstPast(Bound bound) {
        Leaf leaf = descend(bound);
        int i = firstPastIn(leaf, bound);
        if (i == leaf.size) {
            leaf = leaf.next;
            if (leaf == null) {
                return null;
            }
            i = 0;
        }
        return cursor(leaf, i);
    }

    /** The last element not yet past the bound, or null. */
    private Node lastBefore(Bound bound) {
        Leaf leaf = descend(bound);
        int i = firstPastIn(leaf, bound) - 1;
        if (i < 0) {
            leaf = leaf.prev;
            if (leaf == null) {
                return null;
            }
            i = leaf.size - 1;
        }
        return cursor(leaf, i);
    }

    /** Redis's quick rejection: the range must be satisfiable and reach the first and last members. */
    private boolean overlapsLex(LexRange range) {
        return range.isSatisfiable() && size > 0 && range.aboveMin(tail.elems[tail.size - 1].member)
                && range.belowMax(head.elems[0].member);
    }

    // ---- for tests

    int leaves() {
        int leaves = 0;
        for (Leaf leaf = head; leaf != null; leaf = leaf.next) {
            leaves++;
        }
        return leaves;
    }

    /** Checks every structural invariant; throws IllegalStateException on the first broken one. */
    void check() {
        int[] leafDepth = {-1};
        Leaf[] expectNext = {head};
        int total = checkPage(root, 0, 0, null, 0, null, leafDepth, expectNext);
        if (total != size) {
            throw new IllegalStateException("size " + size + " but " + total + " elements");
        }
        if (expectNext[0] != null || head.prev != null) {
            throw new IllegalStateException("leaf chain does not match the tree");
        }
        if (root instanceof Leaf leaf && (leaf != head || leaf != tail)) {
            throw new IllegalStateException("a single leaf is not head and tail");
        }
    }

    /** The page's element count, checking it lies in [lo, hi) (a null member: unbounded). */
    private int checkPage(Object page, int depth, double loScore, byte[] loMember, double hiScore, byte[] hiMember,
                          int[] leafDepth, Leaf[] expectNext) {
        if (page instanceof Leaf leaf) {
            if (leafDepth[0] == -1) {
                leafDepth[0] = depth;
            }
            check(leafDepth[0] == depth, "leaves at different depths");
            check(expectNext[0] == leaf, "leaf chain out of order");
            check(leaf.next == null ? tail == leaf : leaf.next.prev == leaf, "broken prev link");
            expectNext[0] = leaf.next;
            check(page == root || leaf.size > 0, "empty leaf in the tree");
            for (int i = 0; i < leaf.elems.length; i++) {
                Node e = leaf.elems[i];
                if (i >= leaf.size) {
                    check(e == null, "stale slot in a leaf");
                    continue;
                }
                check(e.tree == this, "element of another tree");
                check(Double.doubleToRawLongBits(leaf.scores[i]) == Double.doubleToRawLongBits(e.score),
                        "leaf score differs from the element's");
                check(i == 0 || compare(leaf.scores[i - 1], leaf.elems[i - 1].member, e.score, e.member) < 0,
                        "leaf out of order");
                check(loMember == null || compare(loScore, loMember, e.score, e.member) <= 0, "element below its bound");
                check(hiMember == null || compare(e.score, e.member, hiScore, hiMember) < 0, "element above its bound");
            }
            return leaf.size;
        }
        Inner in = (Inner) page;
        check(in.size >= (page == root ? 2 : minInner) && in.size <= fanout, "inner node size " + in.size);
        int total = 0;
        for (int i = 0; i < in.size; i++) {
            double lo = i == 0 ? loScore : in.sepScores[i];
            byte[] loM = i == 0 ? loMember : in.sepMembers[i];
            double hi = i + 1 < in.size ? in.sepScores[i + 1] : hiScore;
            byte[] hiM = i + 1 < in.size ? in.sepMembers[i + 1] : hiMember;
            if (i > 0) {
                check(loMember == null || compare(loScore, loMember, lo, loM) <= 0, "separator below its bound");
                check(hiMember == null || compare(lo, loM, hiScore, hiMember) < 0, "separator above its bound");
            }
            int n = checkPage(in.children[i], depth + 1, lo, loM, hi, hiM, leafDepth, expectNext);
            check(n == in.counts[i], "count " + in.counts[i] + " but " + n + " elements");
            total += n;
        }
        for (int i = in.size; i < in.children.length; i++) {
            check(in.children[i] == null, "stale child slot");
        }
        return total;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
