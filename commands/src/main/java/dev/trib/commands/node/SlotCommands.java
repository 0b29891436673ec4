package dev.trib.commands.node;

import dev.trib.planner.topology.SlotRange;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands of the live slot-migration protocol, spelled once: {@link Batch} sends them and reads their replies,
 * {@link NodeClient#addSlots} assigns slots with them.
 */
public final class SlotCommands {
    private SlotCommands() {
    }

    public static Object[] importing(int slot, String sourceId) {
        return new Object[] {"CLUSTER", "SETSLOT", slot, "IMPORTING", sourceId};
    }

    public static Object[] migrating(int slot, String targetId) {
        return new Object[] {"CLUSTER", "SETSLOT", slot, "MIGRATING", targetId};
    }

    public static Object[] node(int slot, String ownerId) {
        return new Object[] {"CLUSTER", "SETSLOT", slot, "NODE", ownerId};
    }

    public static Object[] stable(int slot) {
        return new Object[] {"CLUSTER", "SETSLOT", slot, "STABLE"};
    }

    /** CLUSTER ADDSLOTSRANGE over every run of the set, or ADDSLOTS slot by slot where the server lacks it. */
    public static Object[] addSlots(SlotSet slots, ServerVersion server) {
        return server.hasSlotRanges() ? rangeCommand("ADDSLOTSRANGE", slots) : eachSlot("ADDSLOTS", slots);
    }

    /** CLUSTER DELSLOTSRANGE over every run of the set, or DELSLOTS slot by slot where the server lacks it. */
    public static Object[] delSlots(SlotSet slots, ServerVersion server) {
        return server.hasSlotRanges() ? rangeCommand("DELSLOTSRANGE", slots) : eachSlot("DELSLOTS", slots);
    }

    private static Object[] eachSlot(String sub, SlotSet slots) {
        List<Object> args = new ArrayList<>(List.of("CLUSTER", sub));
        slots.stream().forEach(args::add);
        return args.toArray();
    }

    private static Object[] rangeCommand(String sub, SlotSet slots) {
        List<Object> args = new ArrayList<>(List.of("CLUSTER", sub));
        for (SlotRange r : slots.ranges()) {
            args.add(r.start());
            args.add(r.end());
        }
        return args.toArray();
    }

    /** ASKING: the next command may touch a slot this node is importing. */
    public static Object[] asking() {
        return new Object[] {"ASKING"};
    }

    public static Object[] getKeysInSlot(int slot, int count) {
        return new Object[] {"CLUSTER", "GETKEYSINSLOT", slot, count};
    }

    public static Object[] countKeysInSlot(int slot) {
        return new Object[] {"CLUSTER", "COUNTKEYSINSLOT", slot};
    }

    /** Credentials MIGRATE passes on to the target. */
    public record MigrateAuth(Optional<String> user, Optional<char[]> password) {
        public static MigrateAuth none() {
            return new MigrateAuth(Optional.empty(), Optional.empty());
        }
    }

    /** {@code MIGRATE host port "" 0 timeout [REPLACE] [AUTH pw | AUTH2 user pw] KEYS k...}: keys of one slot. */
    public static Object[] migrate(String host, int port, List<byte[]> keys, int timeoutMs, boolean replace,
                                   MigrateAuth auth) {
        List<Object> args = new ArrayList<>(List.of("MIGRATE", host, port, "", 0, timeoutMs));
        if (replace) {
            args.add("REPLACE");
        }
        if (auth.password().isPresent()) {
            String pw = new String(auth.password().get());
            if (auth.user().isPresent()) {
                args.addAll(List.of("AUTH2", auth.user().get(), pw));
            } else {
                args.addAll(List.of("AUTH", pw));
            }
        }
        args.add("KEYS");
        args.addAll(keys);
        return args.toArray();
    }
}
