package dev.trib.planner.alloc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each target of a plan receives against its maxmemory, from literal moves and slot sizes. */
class CapacityCheckTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);
    private static final long MB = 1024 * 1024;

    private static final Map<Integer, Double> SIZES = Map.of(0, 3.0 * MB, 1, 2.0 * MB, 2, 1.0 * MB, 3, 4.0 * MB);

    @Test
    void aTargetThatWouldGoAboveItsMaxmemoryIsNamedWithTheFigures() {
        List<SlotMove> moves = List.of(new SlotMove(0, A, B), new SlotMove(1, A, B), new SlotMove(2, A, C));
        List<CapacityCheck.Change> changes = CapacityCheck.changes(moves, SIZES, Map.of(
                B, new CapacityCheck.Memory("127.0.0.2:7001 (bbbbbbbb)", 6 * MB, 10 * MB),
                C, new CapacityCheck.Memory("127.0.0.3:7002 (cccccccc)", 1 * MB, 10 * MB)));
        assertEquals(2, changes.size());
        CapacityCheck.Change b = changes.get(0);
        assertEquals(2, b.count());
        assertEquals(5 * MB, b.bytes());
        assertTrue(b.overflows());
        assertEquals("127.0.0.2:7001 (bbbbbbbb) receives 2 slots, about 5.0 MB (11.0 MB of its 10.0 MB maxmemory "
                + "after)", b.describe());
        assertEquals("Moving 2 slots (about 5.0 MB) onto 127.0.0.2:7001 (bbbbbbbb) would take it to 11.0 MB, above its "
                + "maxmemory of 10.0 MB (6.0 MB used now): nothing was moved. Free memory there, raise its maxmemory "
                + "or move fewer slots; --force moves anyway.", b.refusal());
        assertFalse(changes.get(1).overflows(), "2 MB after of 10 MB");
    }

    @Test
    void anImportIsJudgedByTheKeysAndBytesEachMasterReceives() {
        List<CapacityCheck.Change> changes = CapacityCheck.imports(
                new java.util.LinkedHashMap<>(Map.of(B, 5000L)), Map.of(B, 5 * MB, C, 1 * MB), Map.of(
                        B, new CapacityCheck.Memory("127.0.0.2:7001 (bbbbbbbb)", 6 * MB, 10 * MB),
                        C, new CapacityCheck.Memory("127.0.0.3:7002 (cccccccc)", 1 * MB, 10 * MB)));
        assertEquals(1, changes.size(), "C receives no key");
        CapacityCheck.Change b = changes.get(0);
        assertTrue(b.overflows());
        assertEquals("127.0.0.2:7001 (bbbbbbbb) receives 5000 keys, about 5.0 MB (11.0 MB of its 10.0 MB maxmemory "
                + "after)", b.describe());
        assertEquals("Importing 5000 keys (about 5.0 MB) into 127.0.0.2:7001 (bbbbbbbb) would take it to 11.0 MB, "
                + "above its maxmemory of 10.0 MB (6.0 MB used now): nothing was imported. Free memory there, raise "
                + "its maxmemory or import fewer keys; --force imports anyway.", b.refusal());
        assertTrue(CapacityCheck.imports(Map.of(B, 1L), Map.of(B, 1L), Map.of()).isEmpty(), "no known memory");
    }

    @Test
    void withoutALimitOrWithoutKnownMemoryNothingOverflows() {
        List<SlotMove> moves = List.of(new SlotMove(3, A, B), new SlotMove(0, A, C));
        List<CapacityCheck.Change> changes = CapacityCheck.changes(moves, SIZES, Map.of(
                B, new CapacityCheck.Memory("b", 100 * MB, 0)));
        assertEquals(1, changes.size(), "C's memory is unknown: left out");
        assertFalse(changes.get(0).overflows());
        assertEquals("b receives 1 slot, about 4.0 MB", changes.get(0).describe());
    }

    /** A master that gives as it receives (a rebalance) is judged on its net change. */
    @Test
    void aNodeThatAlsoGivesIsJudgedOnTheNetChange() {
        List<SlotMove> moves = List.of(new SlotMove(3, A, B), new SlotMove(0, B, C), new SlotMove(1, B, C));
        List<CapacityCheck.Change> changes = CapacityCheck.changes(moves, SIZES, Map.of(
                B, new CapacityCheck.Memory("b", 9 * MB, 10 * MB)));
        assertEquals(-1 * MB, changes.get(0).bytes());
        assertFalse(changes.get(0).overflows());
    }
}
