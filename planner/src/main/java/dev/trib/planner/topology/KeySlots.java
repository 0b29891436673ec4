package dev.trib.planner.topology;

/** Constants and checks for the 16384 hash slots. The key-to-slot hash is {@link KeySlot}. */
public final class KeySlots {
    public static final int COUNT = 16384;
    public static final int MAX = COUNT - 1;

    private KeySlots() {
    }

    public static int checkSlot(int slot) {
        if (slot < 0 || slot > MAX) {
            throw new IllegalArgumentException("slot " + slot + " is not between 0 and " + MAX);
        }
        return slot;
    }
}
