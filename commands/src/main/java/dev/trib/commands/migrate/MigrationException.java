package dev.trib.commands.migrate;

import java.util.List;

/**
 * The migration stopped. Slots of the interrupted round may be left open (importing/migrating); the journal
 * knows them and {@code --resume} (or {@code trib fix}) finishes them.
 */
public class MigrationException extends RuntimeException {
    private final List<Integer> openSlots;

    public MigrationException(String message, List<Integer> openSlots, Throwable cause) {
        super(message, cause);
        this.openSlots = List.copyOf(openSlots);
    }

    public List<Integer> openSlots() {
        return openSlots;
    }
}
