package dev.trib.node.replication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A replica's handshake with its master, without the socket: the commands in the order they go out (AUTH when a
 * password is set, REPLCONF listening-port, REPLCONF capa psync2, PSYNC), one at a time because redis-server
 * refuses PSYNC while replies to earlier commands are pending, and what each reply line means. {@link MasterLink}
 * sends what this says and acts on the outcome.
 */
final class ReplicaHandshake {
    /** What a reply line means. */
    sealed interface Outcome {
    }

    /** Send this command next (the reply before it was accepted, or an old master refused a REPLCONF). */
    record Send(List<byte[]> command) implements Outcome {
    }

    /** A blank keepalive line: nothing to do. */
    record Ignore() implements Outcome {
    }

    /** The master refused our credentials: this attempt is over. */
    record AuthRefused(String line) implements Outcome {
    }

    /** +FULLRESYNC: a full copy with this replication id and offset (as sent) follows. */
    record FullResync(String replid, String offset) implements Outcome {
    }

    /** +CONTINUE: the stream goes on; the master's replication id, which may be a new one. */
    record Continue(String replid) implements Outcome {
    }

    /** Anything else as the answer to PSYNC. */
    record Unexpected(String line) implements Outcome {
    }

    private final Deque<List<byte[]>> queue;
    private final String psyncId;
    private final String psyncFrom;

    /**
     * @param replid the replication id to continue, used when {@code resumable}; otherwise PSYNC asks for a full copy
     * @param offset this node's replication offset: PSYNC asks from the byte after it
     */
    ReplicaHandshake(String user, String password, int announcedPort, boolean resumable, String replid, long offset) {
        List<List<byte[]>> out = new ArrayList<>();
        if (!password.isEmpty()) {
            out.add(user.isEmpty() ? args("AUTH", password) : args("AUTH", user, password));
        }
        out.add(args("REPLCONF", "listening-port", Integer.toString(announcedPort)));
        out.add(args("REPLCONF", "capa", "psync2"));
        psyncId = resumable ? replid : "?";
        psyncFrom = resumable ? Long.toString(offset + 1) : "-1";
        out.add(args("PSYNC", psyncId, psyncFrom));
        queue = new ArrayDeque<>(out);
    }

    /** The first command to send. */
    List<byte[]> start() {
        return queue.poll();
    }

    /** {@code id:from} of the PSYNC request, for the log. */
    String psyncRequest() {
        return psyncId + ":" + psyncFrom;
    }

    /** The meaning of one reply line (without its CRLF). */
    Outcome onReply(String line, String currentReplid) {
        if (line.isEmpty()) {
            return new Ignore();
        }
        if (!queue.isEmpty()) {
            // REPLCONF may be unknown to old masters; a refused AUTH is fatal for this attempt.
            if (line.startsWith("-") && (line.contains("WRONGPASS") || line.contains("invalid password")
                    || line.contains("NOAUTH"))) {
                return new AuthRefused(line);
            }
            return new Send(queue.poll());
        }
        if (line.startsWith("+FULLRESYNC")) {
            String[] parts = line.split(" ");
            return parts.length < 3 ? new Unexpected(line) : new FullResync(parts[1], parts[2]);
        }
        if (line.startsWith("+CONTINUE")) {
            String[] parts = line.split(" ");
            return new Continue(parts.length > 1 ? parts[1] : currentReplid);
        }
        return new Unexpected(line);
    }

    private static List<byte[]> args(String... words) {
        List<byte[]> out = new ArrayList<>(words.length);
        for (String w : words) {
            out.add(w.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
