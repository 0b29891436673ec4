package dev.trib.node.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tree against a sorted ArrayList holding the same elements in the same order (score by primitive comparison,
 * then unsigned member bytes), through thousands of random operations; small leaf and fanout sizes make the tree
 * deep so splits, borrows and merges happen at every level.
 */
class ScoreTreeTest {
    /** The sorted-set order, spelled independently of the tree's. */
    private static final Comparator<ScoreTree.Node> ORDER = (a, b) -> a.score() < b.score() ? -1
            : a.score() > b.score() ? 1 : Arrays.compareUnsigned(a.memberBytes(), b.memberBytes());

    private static final double[] SCORES = {-0.0, 0.0, 1, 1, 2, 2.5, -3, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e300};
    private static final byte[] ALPHABET = {0, 1, 'a', 'b', 'z', 0x7f, (byte) 0x80, (byte) 0xff};

    @Test
    void ordersByScoreThenByMemberBytes() {
        ScoreTree tree = new ScoreTree();
        tree.insert(1, Key.of("b"));
        tree.insert(1, Key.of("a"));
        tree.insert(0.5, Key.of("z"));
        tree.insert(1, Key.of(new byte[] {(byte) 0xff}));
        tree.insert(1, Key.of("ab"));
        List<String> order = new ArrayList<>();
        for (ScoreTree.Node n = tree.first(); n != null; n = n.next()) {
            order.add(n.member().toString());
        }
        assertEquals(List.of("z", "a", "ab", "b", "\u00ff"), order);
    }

    @Test
    void negativeAndPositiveZeroTieSoTheMemberDecides() {
        ScoreTree tree = new ScoreTree(2, 3);
        ScoreTree.Node b = tree.insert(0.0, Key.of("b"));
        ScoreTree.Node a = tree.insert(-0.0, Key.of("a"));
        ScoreTree.Node c = tree.insert(-0.0, Key.of("c"));
        tree.check();
        assertEquals(0, tree.rank(a));
        assertEquals(1, tree.rank(b));
        assertEquals(2, tree.rank(c));
        assertSame(a, tree.firstInRange(new ScoreRange(0.0, false, 0.0, false)));
        assertSame(c, tree.lastInRange(new ScoreRange(-0.0, false, -0.0, false)));
        assertNull(tree.firstInRange(new ScoreRange(0.0, true, 1, false)));
        assertEquals(-0.0, c.score());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.score()), "the sign is kept");
    }

    @Test
    void aScoreChangeMovesTheSameElement() {
        ScoreTree tree = new ScoreTree(4, 3);
        List<ScoreTree.Node> nodes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            nodes.add(tree.insert(i, Key.of("m" + i)));
        }
        ScoreTree.Node moved = nodes.get(10);
        tree.updateScore(moved, 1000);
        tree.updateScore(nodes.get(50), 50.5);
        tree.check();
        assertSame(moved, tree.last());
        assertSame(moved, tree.byRank(99));
        assertEquals(1000, moved.score());
        assertEquals(49, tree.rank(nodes.get(50)));
    }

    @Test
    void sequentialInsertsFillTheirLeaves() {
        ScoreTree up = new ScoreTree(8, 4);
        ScoreTree down = new ScoreTree(8, 4);
        for (int i = 0; i < 800; i++) {
            up.insert(i, Key.of("u" + i));
            down.insert(-i, Key.of("d" + i));
        }
        up.check();
        down.check();
        assertEquals(100, up.leaves(), "800 ascending elements in full leaves of 8");
        assertEquals(100, down.leaves(), "800 descending elements in full leaves of 8");
    }

    @ParameterizedTest(name = "leaf {0}, fanout {1}, seed {2}")
    @CsvSource({"2, 3, 1", "3, 3, 2", "4, 4, 3", "8, 5, 4", "16, 8, 5", "64, 32, 6"})
    void matchesASortedListThroughRandomOperations(int leafCapacity, int fanout, long seed) {
        Random random = new Random(seed);
        ScoreTree tree = new ScoreTree(leafCapacity, fanout);
        List<ScoreTree.Node> model = new ArrayList<>();
        Map<Key, ScoreTree.Node> byMember = new HashMap<>();
        int ops = 0;
        // Grow to a few thousand, shrink to nothing, grow again: splits, then borrows and merges, at every level.
        for (int target : new int[] {3000, 0, 1500, 200, 2500, 0}) {
            while (model.size() != target) {
                boolean grow = model.size() < target;
                int op = random.nextInt(10);
                if (op < 6) {
                    if (grow) {
                        insert(random, tree, model, byMember);
                    } else {
                        delete(random, tree, model, byMember);
                    }
                } else if (op < 8 && !model.isEmpty()) {
                    updateScore(random, tree, model);
                } else if (!model.isEmpty()) {
                    query(random, tree, model);
                }
                if (++ops % 97 == 0) {
                    tree.check();
                }
            }
            tree.check();
            assertEquals(model, walk(tree));
        }
        assertNull(tree.first());
        assertNull(tree.last());
        assertEquals(0, tree.size());
    }

    private static void insert(Random random, ScoreTree tree, List<ScoreTree.Node> model,
                               Map<Key, ScoreTree.Node> byMember) {
        Key member;
        do {
            member = Key.of(randomMember(random));
        } while (byMember.containsKey(member));
        ScoreTree.Node node = tree.insert(randomScore(random), member);
        byMember.put(member, node);
        int at = Collections.binarySearch(model, node, ORDER);
        assertTrue(at < 0);
        model.add(-at - 1, node);
        assertEquals(-at - 1, tree.rank(node));
    }

    private static void delete(Random random, ScoreTree tree, List<ScoreTree.Node> model,
                               Map<Key, ScoreTree.Node> byMember) {
        // From the ends now and then: the leftmost and rightmost leaves have their own cases.
        int at = switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> model.size() - 1;
            default -> random.nextInt(model.size());
        };
        ScoreTree.Node node = model.remove(at);
        byMember.remove(node.member());
        tree.delete(node);
        assertEquals(model.size(), tree.size());
    }

    private static void updateScore(Random random, ScoreTree tree, List<ScoreTree.Node> model) {
        int at = random.nextInt(model.size());
        ScoreTree.Node node = model.get(at);
        double score = random.nextBoolean() ? randomScore(random) : node.score() + (random.nextDouble() - 0.5) * 0.01;
        model.remove(at);
        tree.updateScore(node, score);
        assertEquals(score, node.score());
        int to = Collections.binarySearch(model, node, ORDER);
        assertTrue(to < 0);
        model.add(-to - 1, node);
        assertEquals(-to - 1, tree.rank(node));
    }

    private static void query(Random random, ScoreTree tree, List<ScoreTree.Node> model) {
        int at = random.nextInt(model.size());
        ScoreTree.Node node = model.get(at);
        switch (random.nextInt(5)) {
            case 0 -> {
                assertEquals(at, tree.rank(node));
                assertSame(node, tree.byRank(at));
                assertNull(tree.byRank(model.size()));
                assertNull(tree.byRank(-1));
            }
            case 1 -> {
                // Walk both ways from a position; a second handle in between sends the cursor elsewhere.
                ScoreTree.Node other = model.get(random.nextInt(model.size()));
                ScoreTree.Node n = node;
                int steps = random.nextInt(2 * tree.size() / 3 + 2);
                boolean forward = random.nextBoolean();
                for (int i = 1; i <= steps; i++) {
                    if (i % 7 == 0) {
                        assertSame(neighbour(model, other, forward), forward ? other.next() : other.previous());
                    }
                    n = forward ? n.next() : n.previous();
                    int expected = forward ? at + i : at - i;
                    if (expected < 0 || expected >= model.size()) {
                        assertNull(n);
                        break;
                    }
                    assertSame(model.get(expected), n);
                }
            }
            case 2 -> {
                ScoreRange range = new ScoreRange(randomScore(random), random.nextBoolean(), randomScore(random),
                        random.nextBoolean());
                List<ScoreTree.Node> in = model.stream()
                        .filter(n -> range.aboveMin(n.score()) && range.belowMax(n.score())).toList();
                assertSame(in.isEmpty() ? null : in.get(0), tree.firstInRange(range), range.toString());
                assertSame(in.isEmpty() ? null : in.get(in.size() - 1), tree.lastInRange(range), range.toString());
            }
            case 3 -> {
                assertSame(model.get(0), tree.first());
                assertSame(model.get(model.size() - 1), tree.last());
            }
            default -> assertSame(node, tree.byRank(tree.rank(node)));
        }
    }

    private static ScoreTree.Node neighbour(List<ScoreTree.Node> model, ScoreTree.Node node, boolean forward) {
        int at = model.indexOf(node) + (forward ? 1 : -1);
        return at < 0 || at >= model.size() ? null : model.get(at);
    }

    @ParameterizedTest(name = "leaf {0}, fanout {1}")
    @CsvSource({"2, 3", "4, 4", "64, 32"})
    void lexRangesWhenAllScoresTie(int leafCapacity, int fanout) {
        Random random = new Random(leafCapacity * 31L + fanout);
        ScoreTree tree = new ScoreTree(leafCapacity, fanout);
        List<ScoreTree.Node> model = new ArrayList<>();
        Set<Key> members = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            if (model.size() < 1500 && (model.isEmpty() || random.nextInt(3) != 0)) {
                Key member = Key.of(randomMember(random));
                if (members.add(member)) {
                    // -0.0 and 0.0 tie: one score as far as order goes.
                    ScoreTree.Node node = tree.insert(random.nextBoolean() ? 0.0 : -0.0, member);
                    int at = Collections.binarySearch(model, node, ORDER);
                    model.add(-at - 1, node);
                }
            } else {
                ScoreTree.Node node = model.remove(random.nextInt(model.size()));
                members.remove(node.member());
                tree.delete(node);
            }
            LexRange range = new LexRange(randomBound(random), randomBound(random));
            List<ScoreTree.Node> in = model.stream()
                    .filter(n -> range.aboveMin(n.member()) && range.belowMax(n.member())).toList();
            assertSame(in.isEmpty() ? null : in.get(0), tree.firstInLexRange(range), range.toString());
            assertSame(in.isEmpty() ? null : in.get(in.size() - 1), tree.lastInLexRange(range), range.toString());
        }
        tree.check();
        assertEquals(model, walk(tree));
    }

    @Test
    void zsetValueKeepsMembersScoresAndScanInStep() {
        Random random = new Random(7);
        ZSetValue zset = ZSetValue.forFirstMember(1);
        Map<Key, Double> model = new HashMap<>();
        for (int i = 0; i < 20000; i++) {
            Key member = Key.of(randomMember(random));
            switch (random.nextInt(3)) {
                case 0 -> {
                    double score = randomScore(random);
                    if (model.containsKey(member)) {
                        zset.setScore(zset.element(member), score);
                    } else {
                        zset.add(member, score);
                    }
                    model.put(member, zset.score(member));
                }
                case 1 -> assertEquals(model.remove(member) != null, zset.remove(member));
                default -> assertEquals(model.get(member), zset.score(member));
            }
            assertEquals(model.size(), zset.size());
            if (i % 1000 == 0 || i == 19999) {
                Map<Key, Double> scanned = new HashMap<>();
                long cursor = 0;
                do {
                    cursor = zset.scan(cursor, (k, s) -> assertNull(scanned.put(k, s), "reported twice"));
                } while (cursor != 0);
                assertEquals(model, scanned);
                List<Key> ranked = new ArrayList<>();
                for (ScoreTree.Node n = zset.first(); n != null; n = n.next()) {
                    assertEquals(ranked.size(), zset.rank(n.member(), false));
                    ranked.add(n.member());
                }
                assertEquals(model.keySet(), new HashSet<>(ranked));
            }
        }
    }

    private static List<ScoreTree.Node> walk(ScoreTree tree) {
        List<ScoreTree.Node> forward = new ArrayList<>();
        for (ScoreTree.Node n = tree.first(); n != null; n = n.next()) {
            forward.add(n);
        }
        List<ScoreTree.Node> backward = new ArrayList<>();
        for (ScoreTree.Node n = tree.last(); n != null; n = n.previous()) {
            backward.add(n);
        }
        Collections.reverse(backward);
        assertEquals(forward, backward);
        assertEquals(tree.size(), forward.size());
        return forward;
    }

    private static double randomScore(Random random) {
        return random.nextInt(3) == 0 ? SCORES[random.nextInt(SCORES.length)] : random.nextInt(200) / 4.0 - 20;
    }

    private static byte[] randomMember(Random random) {
        byte[] member = new byte[random.nextInt(5)];
        for (int i = 0; i < member.length; i++) {
            member[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return member;
    }

    private static LexRange.Bound randomBound(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> LexRange.Bound.MINUS;
            case 1 -> LexRange.Bound.PLUS;
            default -> new LexRange.Bound(LexRange.Kind.VALUE, Key.of(randomMember(random)), random.nextBoolean());
        };
    }
}
