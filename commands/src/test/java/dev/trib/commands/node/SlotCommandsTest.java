package dev.trib.commands.node;

import dev.trib.commands.node.SlotCommands.MigrateAuth;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The slot commands as Redis 7.0 and 6.2 expect them. */
class SlotCommandsTest {
    private static final ServerVersion V7 = ServerVersion.parse("7.0.15");
    private static final ServerVersion V62 = ServerVersion.parse("6.2.11");

    private static List<String> words(Object[] command) {
        return Arrays.stream(command).map(a -> a instanceof byte[] b ? new String(b) : a.toString()).toList();
    }

    @Test
    void slotRunsGoAsRangesWhereTheServerHasThem() {
        SlotSet slots = SlotSet.of(0, 1, 2, 3, 10, 16383);
        assertEquals(List.of("CLUSTER", "ADDSLOTSRANGE", "0", "3", "10", "10", "16383", "16383"),
                words(SlotCommands.addSlots(slots, V7)));
        assertEquals(List.of("CLUSTER", "DELSLOTSRANGE", "0", "3", "10", "10", "16383", "16383"),
                words(SlotCommands.delSlots(slots, V7)));
    }

    @Test
    void olderServersGetEverySlotSpelledOut() {
        SlotSet slots = SlotSet.of(0, 1, 2, 3, 10);
        assertEquals(List.of("CLUSTER", "ADDSLOTS", "0", "1", "2", "3", "10"), words(SlotCommands.addSlots(slots,
                V62)));
        assertEquals(List.of("CLUSTER", "DELSLOTS", "0", "1", "2", "3", "10"), words(SlotCommands.delSlots(slots,
                V62)));
    }

    @Test
    void setSlotStates() {
        assertEquals(List.of("CLUSTER", "SETSLOT", "7", "IMPORTING", "src"), words(SlotCommands.importing(7, "src")));
        assertEquals(List.of("CLUSTER", "SETSLOT", "7", "MIGRATING", "dst"), words(SlotCommands.migrating(7, "dst")));
        assertEquals(List.of("CLUSTER", "SETSLOT", "7", "NODE", "own"), words(SlotCommands.node(7, "own")));
        assertEquals(List.of("CLUSTER", "SETSLOT", "7", "STABLE"), words(SlotCommands.stable(7)));
    }

    @Test
    void migratePassesCredentialsOnInTheFormTheTargetNeeds() {
        List<byte[]> keys = List.of("a".getBytes(), "b".getBytes());
        assertEquals(List.of("MIGRATE", "h", "6379", "", "0", "100", "KEYS", "a", "b"),
                words(SlotCommands.migrate("h", 6379, keys, 100, false, MigrateAuth.none())));
        assertEquals(List.of("MIGRATE", "h", "6379", "", "0", "100", "REPLACE", "AUTH", "pw", "KEYS", "a", "b"),
                words(SlotCommands.migrate("h", 6379, keys, 100, true,
                        new MigrateAuth(Optional.empty(), Optional.of("pw".toCharArray())))));
        assertEquals(List.of("MIGRATE", "h", "6379", "", "0", "100", "AUTH2", "u", "pw", "KEYS", "a", "b"),
                words(SlotCommands.migrate("h", 6379, keys, 100, false,
                        new MigrateAuth(Optional.of("u"), Optional.of("pw".toCharArray())))));
    }
}
