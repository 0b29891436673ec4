package dev.trib.commands.node;

import dev.trib.planner.alloc.ServerRelease;

import java.util.Map;
import java.util.Optional;

/**
 * A node's server release (INFO server {@code redis_version}) and what trib may use on it. Redis 7.0 added the
 * range forms of ADDSLOTS/DELSLOTS, CLUSTER SHARDS, CLUSTER LINKS, ACL DRYRUN and hostnames; each release's RDB
 * format is readable only by that release and newer, so keys (MIGRATE, DUMP/RESTORE) and replication flow from
 * older to newer servers, never back.
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {
    public static final ServerVersion V7_0 = new ServerVersion(7, 0, 0);

    /** What a server that does not say (an old or unusual one) is taken for: the oldest trib knows. */
    public static final ServerVersion UNKNOWN = new ServerVersion(0, 0, 0);

    /** Parses {@code 7.0.15}, {@code 6.2.11}, {@code 255.255.255} (unstable builds); anything else is UNKNOWN. */
    public static ServerVersion parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String[] parts = text.trim().split("\\.");
        try {
            return new ServerVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    /** From INFO server's fields. */
    public static ServerVersion fromInfo(Map<String, String> serverInfo) {
        return parse(serverInfo.get("redis_version"));
    }

    public boolean atLeast(ServerVersion other) {
        return compareTo(other) >= 0;
    }

    /**
     * 7.0.13 to 7.2.3 keep a slot's "its owner does not claim it" mark through a replica's takeover, and the new
     * master can then lose the slot, with its keys, to its old master's stale claim (redis/redis#12564).
     */
    public boolean keepsStaleSlotMarks() {
        return atLeast(new ServerVersion(7, 0, 13)) && !atLeast(new ServerVersion(7, 2, 4));
    }

    /** CLUSTER ADDSLOTSRANGE / DELSLOTSRANGE (7.0+); older servers take every slot as its own argument. */
    public boolean hasSlotRanges() {
        return atLeast(V7_0);
    }

    /**
     * The newest RDB format the server reads, which is also the one it writes (DUMP payloads, snapshots):
     * 9 up to 6.2, 10 for 7.0, 11 for 7.2, 12 for 7.4 and later.
     */
    public int rdbVersion() {
        if (major < 7) {
            return 9;
        }
        if (major == 7 && minor < 2) {
            return 10;
        }
        if (major == 7 && minor < 4) {
            return 11;
        }
        return 12;
    }

    /** Whether this server loads what {@code source} writes: keys moved by MIGRATE, a replica's full sync. */
    public boolean readsDataOf(ServerVersion source) {
        return rdbVersion() >= source.rdbVersion();
    }

    /**
     * Why data cannot flow from {@code source} (at sourceAddress) to this server (at address), if it cannot: one
     * sentence naming both versions and what to do.
     */
    public Optional<String> refusalToRead(ServerVersion source, Object sourceAddress, Object address) {
        if (readsDataOf(source)) {
            return Optional.empty();
        }
        return Optional.of(address + " (Redis " + this + ") cannot load data from " + sourceAddress + " (Redis "
                + source + "): its RDB format " + source.rdbVersion() + " is newer than the " + rdbVersion()
                + " it reads; data flows only from older to newer servers, so upgrade " + address + " first");
    }

    /** What the planner knows of this server: its version and the RDB format it reads. */
    public ServerRelease release() {
        return new ServerRelease(equals(UNKNOWN) ? "" : toString(), rdbVersion());
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return this.equals(UNKNOWN) ? "unknown version" : major + "." + minor + "." + patch;
    }
}
