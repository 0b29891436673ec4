package dev.trib.commands.migrate;

import java.util.List;

/** The migration was refused before any slot was opened: nothing moved, nothing to resume or fix. */
public class MigrationRefusedException extends MigrationException {
    public MigrationRefusedException(String message) {
        super(message, List.of(), null);
    }
}
