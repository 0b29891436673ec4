package dev.trib.node.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SkipListTest {
    private record E(double score, Key member) {
    }

    private static final Comparator<E> ORDER = (a, b) -> a.score() < b.score() ? -1
            : a.score() > b.score() ? 1 : a.member().compareTo(b.member());

    @Test
    void ordersByScoreThenByMemberBytes() {
        SkipList list = new SkipList();
        list.insert(1, Key.of("b"));
        list.insert(1, Key.of("a"));
        list.insert(0.5, Key.of("z"));
        list.insert(1, Key.of(new byte[] {(byte) 0xff}));
        list.insert(1, Key.of("ab"));
        List<String> order = new ArrayList<>();
        for (SkipList.Node n = list.first(); n != null; n = n.next()) {
            order.add(n.member().toString());
        }
        assertEquals(List.of("z", "a", "ab", "b", "\u00ff"), order, "bytes compare unsigned");
    }

    @Test
    void ranksAndRankLookupsAgreeWithASortedList() {
        Random random = new Random(3);
        SkipList list = new SkipList();
        List<E> model = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            E e = new E(random.nextInt(50), Key.of("m" + i));
            list.insert(e.score(), e.member());
            model.add(e);
        }
        for (int i = 0; i < 700; i++) {
            E e = model.remove(random.nextInt(model.size()));
            assertEquals(true, list.delete(e.score(), e.member()));
        }
        for (int i = 0; i < 300; i++) {
            int idx = random.nextInt(model.size());
            E e = model.get(idx);
            double newScore = random.nextInt(50) + 0.5;
            SkipList.Node node = list.byRank(list.rank(e.score(), e.member()));
            list.updateScore(node, newScore);
            model.set(idx, new E(newScore, e.member()));
        }
        model.sort(ORDER);
        assertEquals(model.size(), list.length());
        for (int i = 0; i < model.size(); i++) {
            E e = model.get(i);
            assertEquals(i + 1, list.rank(e.score(), e.member()));
            assertEquals(e.member(), list.byRank(i + 1).member());
        }
        assertNull(list.byRank(model.size() + 1));
        assertEquals(model.get(model.size() - 1).member(), list.last().member());
        int back = model.size() - 1;
        for (SkipList.Node n = list.last(); n != null; n = n.previous(), back--) {
            assertEquals(model.get(back).member(), n.member());
        }
        assertEquals(-1, back);
    }

    @Test
    void scoreRangesHonourExclusiveEnds() {
        SkipList list = new SkipList();
        for (int i = 1; i <= 5; i++) {
            list.insert(i, Key.of("m" + i));
        }
        assertEquals("m2", list.firstInRange(new ScoreRange(1, true, 5, false)).member().toString());
        assertEquals("m4", list.lastInRange(new ScoreRange(1, false, 5, true)).member().toString());
        assertNull(list.firstInRange(new ScoreRange(3, true, 3, false)));
        assertNull(list.firstInRange(new ScoreRange(6, false, 9, false)));
    }
}
