package dev.trib.planner.alloc;

import java.util.Objects;

/**
 * What server a node runs, as far as placing replicas goes: its version (for messages) and the newest RDB format it
 * reads, which is also the one it writes. A replica loads its master's snapshot, so it must read the master's
 * format: data flows from older servers to newer ones, never back (a 6.2 replica cannot sync from a 7.0 master).
 *
 * @param version   the version as the server reports it ({@code 6.2.11}); empty when not known
 * @param rdbFormat the RDB format it reads and writes (6.2: 9, 7.0: 10, 7.2: 11, 7.4: 12)
 */
public record ServerRelease(String version, int rdbFormat) {
    /** Planning without versions: every node is taken to run the same server. */
    public static final ServerRelease UNSTATED = new ServerRelease("", 0);

    public ServerRelease {
        Objects.requireNonNull(version, "version");
    }

    /** Whether a node running this release can replicate a master running {@code master}. */
    public boolean canReplicate(ServerRelease master) {
        return rdbFormat >= master.rdbFormat;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerRelease other && rdbFormat == other.rdbFormat && version.equals(other.version);
    }

    /** Written out, as NodeSpec's: a record's generated methods cost start-up time. */
    @Override
    public int hashCode() {
        return 31 * version.hashCode() + rdbFormat;
    }

    @Override
    public String toString() {
        return version.isEmpty() ? "unknown version" : "Redis " + version;
    }
}
