package dev.trib.commands.migrate;

import dev.trib.commands.node.SlotCommands.MigrateAuth;

/**
 * How to move keys.
 *
 * @param keysPerMigrate most keys one MIGRATE carries (redis-cli's --pipeline; its default is 10)
 * @param timeoutMs      MIGRATE timeout, raised for a call whose bytes need longer ({@link MigrateTimeout}) and
 *                       doubled on each retry of an IOERR
 * @param replace        overwrite keys that already exist on the target (otherwise BUSYKEY stops the run)
 * @param parallel       how many rounds move slots at the same time (a node may be in several, as their source or
 *                       as their target, never as both at once)
 * @param slotsPerRound  slots opened together on one pair: their SETSLOT steps share round trips
 */
public record MigrationOptions(int keysPerMigrate, int timeoutMs, boolean replace, int parallel, int slotsPerRound,
                               MigrateAuth auth) {
    public static final int DEFAULT_KEYS_PER_MIGRATE = 1000;
    public static final int DEFAULT_TIMEOUT_MS = 60_000;
    public static final int DEFAULT_PARALLEL = 4;
    public static final int DEFAULT_SLOTS_PER_ROUND = 512;

    public MigrationOptions {
        if (keysPerMigrate < 1 || timeoutMs < 1 || parallel < 1 || slotsPerRound < 1) {
            throw new IllegalArgumentException("migration options must be positive");
        }
    }

    public static MigrationOptions defaults() {
        return new MigrationOptions(DEFAULT_KEYS_PER_MIGRATE, DEFAULT_TIMEOUT_MS, false, DEFAULT_PARALLEL,
                DEFAULT_SLOTS_PER_ROUND, MigrateAuth.none());
    }
}
