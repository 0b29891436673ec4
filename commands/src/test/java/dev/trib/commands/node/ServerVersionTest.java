package dev.trib.commands.node;

import dev.trib.planner.alloc.ServerRelease;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerVersionTest {
    private static final ServerVersion V62 = ServerVersion.parse("6.2.11");
    private static final ServerVersion V70 = ServerVersion.parse("7.0.15");

    @Test
    void parsesInfoServerVersions() {
        assertEquals(new ServerVersion(6, 2, 11), ServerVersion.fromInfo(Map.of("redis_version", "6.2.11")));
        assertEquals(new ServerVersion(255, 255, 255), ServerVersion.parse("255.255.255"));
        assertEquals(ServerVersion.UNKNOWN, ServerVersion.parse("garbage"));
        assertEquals(ServerVersion.UNKNOWN, ServerVersion.fromInfo(Map.of()));
        assertEquals("unknown version", ServerVersion.UNKNOWN.toString());
    }

    @Test
    void slotRangesFrom70Only() {
        assertFalse(V62.hasSlotRanges());
        assertTrue(V70.hasSlotRanges());
        assertFalse(ServerVersion.UNKNOWN.hasSlotRanges());
    }

    @Test
    void slotAssignmentFitsTheServer() {
        SlotSet slots = SlotSet.parse("0-2,7");
        assertEquals(List.of("CLUSTER", "ADDSLOTSRANGE", 0, 2, 7, 7), List.of(SlotCommands.addSlots(slots, V70)));
        assertEquals(List.of("CLUSTER", "ADDSLOTS", 0, 1, 2, 7), List.of(SlotCommands.addSlots(slots, V62)));
        assertEquals(List.of("CLUSTER", "DELSLOTS", 0, 1, 2, 7), List.of(SlotCommands.delSlots(slots, V62)));
        assertEquals(List.of("CLUSTER", "DELSLOTSRANGE", 0, 2, 7, 7), List.of(SlotCommands.delSlots(slots, V70)));
    }

    @Test
    void thePlannerSeesTheVersionAndTheFormat() {
        assertEquals(new ServerRelease("6.2.11", 9), V62.release());
        assertEquals(new ServerRelease("7.0.15", 10), V70.release());
        assertTrue(V70.release().canReplicate(V62.release()));
        assertFalse(V62.release().canReplicate(V70.release()));
        assertEquals("unknown version", ServerVersion.UNKNOWN.release().toString());
        assertEquals("Redis 6.2.11", V62.release().toString());
    }

    @Test
    void dataFlowsFromOlderToNewerOnly() {
        assertTrue(V70.readsDataOf(V62));
        assertTrue(V62.readsDataOf(ServerVersion.parse("6.0.20")));
        assertFalse(V62.readsDataOf(V70));
        assertFalse(V70.readsDataOf(ServerVersion.parse("7.2.4")));
        assertTrue(V70.refusalToRead(V62, "a:1", "b:2").isEmpty());
        assertEquals("b:2 (Redis 6.2.11) cannot load data from a:1 (Redis 7.0.15): its RDB format 10 is newer than "
                        + "the 9 it reads; data flows only from older to newer servers, so upgrade b:2 first",
                V62.refusalToRead(V70, "a:1", "b:2").orElseThrow());
    }
}
