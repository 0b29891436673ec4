package dev.trib.node.replication;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandSink;
import dev.trib.node.log.ServerLog;
import dev.trib.node.rdb.RdbSnapshot;
import dev.trib.node.resp.RespRequests;
import dev.trib.node.runtime.NodeRuntime;
import dev.trib.node.text.RandomHex;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This node's side of the replication stream, whatever its role: the replication id and offset,
 * the backlog, the replicas attached to it, and the listeners (the append-only file) that see
 * every byte of the stream. As a master it encodes the commands clients ran; as a replica it
 * passes on the master's stream byte for byte, so offsets stay equal along the chain and a
 * promoted replica can continue its siblings' streams. Used only on the keyspace's event loop.
 */
public final class ReplicationLog implements CommandSink {
    public static final String NO_ID = "0000000000000000000000000000000000000000";
    private static final byte[] PING = RespRequests.encode(List.of("PING".getBytes(StandardCharsets.US_ASCII)));

    /** A client blocked in WAIT: asked again after every acknowledgement; true once it has had its answer. */
    public interface AckWaiter {
        boolean answered();

        /** Ends the WAIT with this error and closes its connection after it (the node became a replica). */
        void unblockAndClose(dev.trib.node.resp.RespReply error);
    }

    /** A listener of the raw stream (the AOF). */
    public interface StreamListener {
        void append(byte[] bytes, int off, int len);

        /** A full copy from a master replaced the dataset: the stream so far no longer leads to it. */
        default void datasetReplaced() {
        }
    }

    private final NodeRuntime runtime;
    private final ServerLog log;
    private final List<StreamListener> listeners = new ArrayList<>();
    private final List<ReplicaPeer> replicas = new ArrayList<>();
    private final List<AckWaiter> ackWaiters = new ArrayList<>();
    private String replid = RandomHex.of(20);
    private String replid2 = NO_ID;
    private long secondOffset = -1;
    private long offset;
    private Backlog backlog;
    private boolean following;
    private long lastPing;

    public ReplicationLog(NodeRuntime runtime, ServerLog log) {
        this.runtime = runtime;
        this.log = log;
    }

    public void addListener(StreamListener listener) {
        listeners.add(listener);
    }

    public String replid() {
        return replid;
    }

    public String replid2() {
        return replid2;
    }

    public long secondOffset() {
        return secondOffset;
    }

    /** master_repl_offset: bytes of the stream this node has produced or applied. */
    public long offset() {
        return offset;
    }

    public boolean backlogActive() {
        return backlog != null;
    }

    public long backlogFirstByte() {
        return backlog == null ? 0 : backlog.firstByteOffset();
    }

    public long backlogHistlen() {
        return backlog == null ? 0 : backlog.histlen();
    }

    public List<ReplicaPeer> replicas() {
        return List.copyOf(replicas);
    }

    /** Whether this node follows a master (client commands are then not propagated: they cannot write). */
    public boolean following() {
        return following;
    }

    @Override
    public void propagate(List<byte[]> argv) {
        if (following || (backlog == null && listeners.isEmpty())) {
            return;
        }
        byte[] bytes = RespRequests.encode(argv);
        appendRaw(bytes, 0, bytes.length);
    }

    /** A command for replicas alone, not for the listeners (the AOF): PUBLISH on a standalone master. */
    public void propagateToReplicas(List<byte[]> argv) {
        if (following || backlog == null) {
            return;
        }
        byte[] bytes = RespRequests.encode(argv);
        append(bytes, 0, bytes.length, false);
    }

    /** Adds bytes of the stream: to the backlog (moving the offset), the listeners and every online replica. */
    public void appendRaw(byte[] bytes, int off, int len) {
        append(bytes, off, len, true);
    }

    private void append(byte[] bytes, int off, int len, boolean toListeners) {
        if (backlog != null) {
            backlog.append(bytes, off, len);
            offset = backlog.endOffset();
        }
        if (toListeners) {
            for (StreamListener l : listeners) {
                l.append(bytes, off, len);
            }
        }
        for (ReplicaPeer r : replicas) {
            if (r.online()) {
                r.channel().write(Unpooled.wrappedBuffer(bytes, off, len), r.channel().voidPromise());
            }
        }
    }

    /** Sends what the last batch of commands queued for the replicas. */
    public void flush() {
        for (ReplicaPeer r : replicas) {
            if (r.online()) {
                r.channel().flush();
            }
        }
    }

    /**
     * PSYNC from a replica: continues from the backlog when it holds the requested offset of this
     * history (or of the previous master's, up to where it was taken over), else sends a full copy.
     */
    public void psync(ClientSession session, Channel channel, String requestedId, long requestedOffset,
                      boolean legacySync) {
        ReplicaPeer peer = new ReplicaPeer(session, channel);
        String who = peer.name();
        log.notice("Replica " + who + " asks for synchronization");
        session.replicaOf(true);
        boolean sameHistory = requestedId.equalsIgnoreCase(replid)
                || (requestedId.equalsIgnoreCase(replid2) && requestedOffset <= secondOffset);
        if (!following && sameHistory && backlog != null && backlog.covers(requestedOffset)) {
            byte[] rest = backlog.from(requestedOffset);
            channel.write(Unpooled.copiedBuffer("+CONTINUE " + replid + "\r\n", StandardCharsets.US_ASCII));
            channel.writeAndFlush(Unpooled.wrappedBuffer(rest));
            log.notice("Partial resynchronization request from " + who + " accepted. Sending " + rest.length
                    + " bytes of backlog starting from offset " + requestedOffset + ".");
        } else {
            if (following) {
                // A chained replica would need this node's own master first; not offered.
                channel.writeAndFlush(Unpooled.copiedBuffer("-NOMASTERLINK Can't SYNC while not connected with my master\r\n",
                        StandardCharsets.US_ASCII));
                return;
            }
            if (!"?".equals(requestedId)) {
                log.notice("Full resync requested by replica " + who);
            }
            ensureBacklog();
            byte[] rdb = RdbSnapshot.write(runtime.keyspace(), Map.of("repl-stream-db", "0", "repl-id", replid,
                    "repl-offset", Long.toString(offset)));
            // SYNC (old replicas, backup tools) gets the copy without the FULLRESYNC line.
            String head = legacySync ? "" : "+FULLRESYNC " + replid + " " + offset + "\r\n";
            channel.write(Unpooled.copiedBuffer(head + "$" + rdb.length + "\r\n", StandardCharsets.US_ASCII));
            channel.writeAndFlush(Unpooled.wrappedBuffer(rdb));
            log.notice("Synchronization with replica " + who + " succeeded");
        }
        peer.online(true);
        peer.ack(requestedOffset - 1, runtime.clock().nowMillis());
        replicas.add(peer);
        channel.closeFuture().addListener(f -> runtime.keyspaceLoop().execute(() -> {
            if (replicas.remove(peer)) {
                log.notice("Connection with replica " + who + " lost.");
            }
        }));
    }

    private void ensureBacklog() {
        if (backlog == null) {
            backlog = new Backlog((int) Math.min(Integer.MAX_VALUE - 8,
                    runtime.config().getLong("repl-backlog-size")), offset);
        }
    }

    /** REPLCONF ACK from an attached replica. */
    public void ack(ClientSession session, long replicaOffset) {
        for (ReplicaPeer r : replicas) {
            if (r.session() == session) {
                r.ack(replicaOffset, runtime.clock().nowMillis());
            }
        }
        if (!ackWaiters.isEmpty()) {
            // A copy: an answered client runs its queued commands at once, and may WAIT again.
            for (AckWaiter w : List.copyOf(ackWaiters)) {
                if (w.answered()) {
                    ackWaiters.remove(w);
                }
            }
        }
    }

    /** WAIT: the waiter is asked after each acknowledgement until it answers or is removed. */
    public void awaitAcks(AckWaiter waiter) {
        ackWaiters.add(waiter);
    }

    /** The node became a replica: every WAIT ends with this error and a closed connection, as in Redis. */
    public void endAckWaits(dev.trib.node.resp.RespReply error) {
        for (AckWaiter w : List.copyOf(ackWaiters)) {
            w.unblockAndClose(error);
        }
        ackWaiters.clear();
    }

    /** The waiter timed out or its client went away. */
    public void stopAwaiting(AckWaiter waiter) {
        ackWaiters.remove(waiter);
    }

    /** How many replicas acknowledged at least this offset (WAIT). */
    public int acknowledged(long atLeast) {
        int n = 0;
        for (ReplicaPeer r : replicas) {
            if (r.online() && r.ackOffset() >= atLeast) {
                n++;
            }
        }
        return n;
    }

    /** Asks every replica for its offset now (WAIT), instead of at its next once-a-second ACK. */
    public void requestAcks() {
        if (replicas.isEmpty()) {
            return;
        }
        byte[] getack = RespRequests.encode(List.of(bytes("REPLCONF"), bytes("GETACK"), bytes("*")));
        appendRaw(getack, 0, getack.length);
        flush();
    }

    /** Once a second or so: keeps replicas' links alive with a PING in the stream (not while writes are paused). */
    public void cron(long now, boolean writesPaused) {
        long period = runtime.config().getLong("repl-ping-replica-period") * 1000;
        if (!following && !replicas.isEmpty() && !writesPaused && now - lastPing >= period) {
            lastPing = now;
            appendRaw(PING, 0, PING.length);
            flush();
        }
    }

    /**
     * Starts following a master's history: this node's stream becomes the master's, from the given
     * offset on (after a full copy) or unchanged (a partial continuation).
     */
    void follow(String masterReplid, long masterOffset, boolean fullCopy) {
        following = true;
        runtime.keyspace().expiring(false);
        if (fullCopy) {
            replid = masterReplid;
            replid2 = NO_ID;
            secondOffset = -1;
            offset = masterOffset;
            backlog = null;
            ensureBacklog();
            listeners.forEach(StreamListener::datasetReplaced);
        } else if (!masterReplid.equalsIgnoreCase(replid)) {
            // The master was promoted from a sibling: same bytes so far, a new history from here on.
            replid2 = replid;
            secondOffset = offset + 1;
            replid = masterReplid;
            ensureBacklog();
        }
    }

    /** Marks the node as a replica before the link is up: client writes stop being propagated. */
    void startFollowing() {
        following = true;
        runtime.keyspace().expiring(false);
        for (ReplicaPeer r : List.copyOf(replicas)) {
            r.channel().close(); // sub-replicas resync through the new topology
        }
    }

    /**
     * Becomes a master: a new history that keeps the old one's id as the secondary, so replicas of
     * the old master can continue their streams here.
     */
    public void becomeMaster() {
        if (!following) {
            return;
        }
        following = false;
        runtime.keyspace().expiring(true);
        replid2 = replid;
        secondOffset = offset + 1;
        replid = RandomHex.of(20);
        ensureBacklog();
        log.notice("Setting secondary replication ID to " + replid2 + ", valid up to offset: " + secondOffset
                + ". New replication ID is " + replid);
        log.notice("MASTER MODE enabled");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
