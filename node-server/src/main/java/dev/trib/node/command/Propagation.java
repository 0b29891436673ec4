package dev.trib.node.command;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one write command sends to replicas and the append-only file. By default the command as
 * received; commands whose effect depends on the clock or on chance replace it with commands that
 * replay to the same state later and elsewhere (Redis does the same: SPOP becomes SREM, a relative
 * TTL becomes an absolute one).
 */
public final class Propagation {
    private List<List<byte[]>> replacement;
    private final List<List<byte[]>> extra = new ArrayList<>();
    private boolean replicasOnly;
    private boolean atomic;

    /** Back to "as received", for the next command. */
    void reset() {
        replacement = null;
        replicasOnly = false;
        atomic = false;
        if (!extra.isEmpty()) {
            extra.clear();
        }
    }

    /** Sends these commands instead of the one received (none at all when called with no command). */
    public void replaceWith(List<byte[]> command) {
        if (replacement == null) {
            replacement = new ArrayList<>();
        }
        replacement.add(command);
    }

    /**
     * Sends this command, which is no write, to replicas as received, but not to the AOF: PUBLISH on a standalone
     * master, so that a replica's subscribers get the master's messages (Redis forces it onto the replication
     * stream alone).
     */
    public void toReplicasOnly() {
        replicasOnly = true;
    }

    public boolean replicasOnly() {
        return replicasOnly;
    }

    /**
     * Sends the commands replacing this one as one MULTI ... EXEC block when there are several, as Redis 7.0 wraps
     * what one command propagates (XREADGROUP's XCLAIMs).
     */
    public void atomic() {
        atomic = true;
    }

    boolean isAtomic() {
        return atomic;
    }

    /** Sends nothing for this call (unless replaced afterwards). */
    public void suppress() {
        replacement = new ArrayList<>();
    }

    /** Whether the command chose what to send; then it is sent even when the reply is an error. */
    public boolean explicit() {
        return replacement != null && !replacement.isEmpty();
    }

    /**
     * Follows the command with the key's absolute expiry time (or its deletion, when the command
     * left it expired), so a relative TTL replays to the same instant.
     */
    public void pinTtl(Keyspace keyspace, Key key) {
        KeyEntry e = keyspace.peek(key);
        if (e == null) {
            extra.add(List.of(ascii("DEL"), key.bytes()));
        } else {
            long at = keyspace.expireAt(key);
            if (at >= 0) {
                extra.add(List.of(ascii("PEXPIREAT"), key.bytes(), ascii(Long.toString(at))));
            }
        }
    }

    /** Whether the command chose to send nothing at all. */
    public boolean suppressed() {
        return replacement != null && replacement.isEmpty() && extra.isEmpty();
    }

    /** Whether the command is sent exactly as received. */
    public boolean asReceived() {
        return replacement == null && extra.isEmpty();
    }

    /** The commands to propagate for a call whose arguments were {@code argv}. */
    public List<List<byte[]>> commands(List<byte[]> argv) {
        if (asReceived()) {
            return List.of(argv);
        }
        List<List<byte[]>> out = new ArrayList<>(replacement == null ? List.of(argv) : replacement);
        out.addAll(extra);
        return out;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
