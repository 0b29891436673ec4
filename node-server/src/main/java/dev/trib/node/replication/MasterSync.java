package dev.trib.node.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A replica's synchronisation with its master up to the command stream, fed the master's bytes as they arrive and
 * without a socket: the handshake's reply lines ({@link ReplicaHandshake}), then, after +FULLRESYNC, the snapshot
 * in either form redis-server sends it: {@code $<length>\r\n} and that many bytes, or diskless
 * {@code $EOF:<40-byte mark>\r\n}, the bytes, and the mark again; blank keepalive lines may come before either.
 * {@link MasterLink} sends, logs and loads what the events say; bytes after the snapshot stay unread for the stream.
 */
final class MasterSync {
    /** What the bytes read so far mean; {@link #next} returns null while more are needed. */
    sealed interface Event {
    }

    /** Send this handshake command next. */
    record Send(List<byte[]> command) implements Event {
    }

    /** The master refused our credentials: this attempt is over. */
    record AuthRefused(String line) implements Event {
    }

    /** +FULLRESYNC: a snapshot follows; the stream will start at this replication id and offset. */
    record FullResync(String replid, long offset) implements Event {
    }

    /** The snapshot's header: its length in bytes, or -1 for a diskless transfer ended by a mark. */
    record Receiving(long length) implements Event {
    }

    /** The whole snapshot, the mark left out; the stream follows. */
    record Snapshot(byte[] rdb) implements Event {
    }

    /** +CONTINUE: no snapshot, the stream goes on under this replication id. */
    record Continue(String replid) implements Event {
    }

    /** The master said something this protocol does not allow here: this attempt is over. */
    record Refused(String reason) implements Event {
    }

    private enum Phase { HANDSHAKE, PAYLOAD_HEADER, PAYLOAD, DONE }

    /** The longest reply line waited for before the master is taken to be talking nonsense. */
    private static final int MAX_LINE = 64 * 1024;
    private static final int EOF_MARK_LENGTH = 40;

    private final ReplicaHandshake handshake;
    private Phase phase = Phase.HANDSHAKE;
    private ByteBuf payload;
    /** The sized form's length, or -1 in the diskless form. */
    private long length;
    private byte[] eofMark;

    MasterSync(ReplicaHandshake handshake) {
        this.handshake = handshake;
    }

    /** The first command to send. */
    List<byte[]> start() {
        return handshake.start();
    }

    /** Between +FULLRESYNC and the snapshot's last byte. */
    boolean transferring() {
        return phase == Phase.PAYLOAD_HEADER || phase == Phase.PAYLOAD;
    }

    /** Over: the stream follows ({@link Continue}, {@link Snapshot}) or the attempt was refused. */
    boolean done() {
        return phase == Phase.DONE;
    }

    /**
     * Reads what the next event needs from {@code in}, leaving the rest.
     *
     * @param currentReplid this replica's replication id, for a +CONTINUE that names none
     * @return the event, or null when {@code in} holds too little (what it held is consumed or kept as needed)
     */
    Event next(ByteBuf in, String currentReplid) {
        while (phase != Phase.DONE) {
            if (phase == Phase.PAYLOAD) {
                return payload(in);
            }
            String line = line(in);
            if (line == null) {
                return null;
            }
            Event e = phase == Phase.HANDSHAKE ? handshakeReply(line, currentReplid) : payloadHeader(line);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private Event handshakeReply(String line, String currentReplid) {
        ReplicaHandshake.Outcome outcome = handshake.onReply(line, currentReplid);
        if (outcome instanceof ReplicaHandshake.Send next) {
            return new Send(next.command());
        }
        if (outcome instanceof ReplicaHandshake.FullResync full) {
            try {
                long offset = Long.parseLong(full.offset());
                phase = Phase.PAYLOAD_HEADER;
                return new FullResync(full.replid(), offset);
            } catch (NumberFormatException e) {
                phase = Phase.DONE;
                return new Refused("Unexpected reply to PSYNC from master: " + line);
            }
        }
        if (outcome instanceof ReplicaHandshake.Ignore) {
            return null;
        }
        phase = Phase.DONE;
        if (outcome instanceof ReplicaHandshake.Continue resumed) {
            return new Continue(resumed.replid());
        }
        if (outcome instanceof ReplicaHandshake.AuthRefused refused) {
            return new AuthRefused(refused.line());
        }
        return new Refused("Unexpected reply to PSYNC from master: " + ((ReplicaHandshake.Unexpected) outcome).line());
    }

    private Event payloadHeader(String line) {
        if (line.isEmpty()) {
            return null; // the master's keepalive newline while it prepares the copy
        }
        if (!line.startsWith("$")) {
            phase = Phase.DONE;
            return new Refused("Bad protocol from MASTER, the first byte is not '$': " + line);
        }
        if (line.startsWith("$EOF:") && line.length() == 5 + EOF_MARK_LENGTH) {
            eofMark = line.substring(5).getBytes(StandardCharsets.ISO_8859_1);
            length = -1;
        } else {
            try {
                length = Long.parseLong(line.substring(1));
            } catch (NumberFormatException e) {
                length = -2;
            }
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                phase = Phase.DONE;
                return new Refused("Bad protocol from MASTER, invalid snapshot length: " + line);
            }
        }
        payload = Unpooled.buffer();
        phase = Phase.PAYLOAD;
        return new Receiving(length);
    }

    private Event payload(ByteBuf in) {
        if (length >= 0) {
            int take = (int) Math.min(in.readableBytes(), length - payload.readableBytes());
            payload.writeBytes(in, take);
            return payload.readableBytes() == length ? finish(payload.readableBytes()) : null;
        }
        payload.writeBytes(in);
        return payload.readableBytes() >= eofMark.length && endsWithMark()
                ? finish(payload.readableBytes() - eofMark.length) : null;
    }

    private boolean endsWithMark() {
        int end = payload.writerIndex();
        for (int i = 0; i < eofMark.length; i++) {
            if (payload.getByte(end - eofMark.length + i) != eofMark[i]) {
                return false;
            }
        }
        return true;
    }

    private Event finish(int rdbLength) {
        byte[] rdb = new byte[rdbLength];
        payload.getBytes(payload.readerIndex(), rdb);
        release();
        phase = Phase.DONE;
        return new Snapshot(rdb);
    }

    /** Frees the partial snapshot (the link closed mid-transfer). */
    void release() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }

    /** A reply line without its CRLF, or null while incomplete. */
    private static String line(ByteBuf in) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            if (in.readableBytes() > MAX_LINE) {
                throw new IllegalArgumentException("line too long");
            }
            return null;
        }
        int len = eol - in.readerIndex();
        String s = in.toString(in.readerIndex(), len, StandardCharsets.ISO_8859_1);
        in.readerIndex(eol + 1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
