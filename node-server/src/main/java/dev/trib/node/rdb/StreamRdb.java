package dev.trib.node.rdb;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamNode;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.text.IntegerText;
import dev.trib.planner.rdb.RdbFormatException;
import dev.trib.planner.rdb.RdbValue;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Streams in RDB type 19 (RDB_TYPE_STREAM_LISTPACKS_2), what redis-server 7.0 writes: each node as its 16-byte
 * radix tree key and its listpack (master entry, then entries with ID deltas, flags and, unless they share the
 * master's fields, their field names), then the length, last, first and largest deleted IDs, the entries-added
 * count, and the consumer groups with their PELs and consumers. Nodes are rebuilt from the listpacks as they were
 * (deleted entries included), so a stream moves between redis-server and the node unchanged, DUMP for DUMP.
 */
final class StreamRdb {
    private static final int FLAG_DELETED = 1;
    private static final int FLAG_SAMEFIELDS = 2;

    private StreamRdb() {
    }

    static void write(ByteArrayOutputStream out, StreamValue s) {
        RdbValueWriter.length(out, s.nodeCount());
        for (StreamNode node : s.nodes()) {
            RdbValueWriter.string(out, node.master().encode());
            RdbValueWriter.string(out, listpack(node));
        }
        RdbValueWriter.length(out, s.length());
        id(out, s.lastId);
        id(out, s.firstId);
        id(out, s.maxDeletedId);
        RdbValueWriter.length(out, s.entriesAdded);
        RdbValueWriter.length(out, s.groups().size());
        s.groups().forEach((name, g) -> {
            RdbValueWriter.string(out, name.bytes());
            id(out, g.lastId);
            RdbValueWriter.length(out, g.entriesRead);
            RdbValueWriter.length(out, g.pel().size());
            g.pel().forEach((pid, p) -> {
                out.writeBytes(pid.encode());
                RdbValueWriter.littleEndian(out, p.deliveryTime, 8);
                RdbValueWriter.length(out, p.deliveryCount);
            });
            RdbValueWriter.length(out, g.consumers().size());
            for (StreamGroup.Consumer c : g.consumers().values()) {
                RdbValueWriter.string(out, c.name().bytes());
                RdbValueWriter.littleEndian(out, c.seenTime, 8);
                RdbValueWriter.length(out, c.pel().size());
                c.pel().keySet().forEach(pid -> out.writeBytes(pid.encode()));
            }
        });
    }

    private static void id(ByteArrayOutputStream out, StreamId id) {
        RdbValueWriter.length(out, id.ms());
        RdbValueWriter.length(out, id.seq());
    }

    /** The node's listpack, element by element as Redis appends them. */
    static byte[] listpack(StreamNode node) {
        Listpacks lp = new Listpacks();
        lp.integer(node.live());
        lp.integer(node.deletedCount());
        lp.integer(node.masterFields().length);
        for (byte[] f : node.masterFields()) {
            lp.string(f);
        }
        lp.integer(0);
        StreamId master = node.master();
        for (StreamNode.Entry e : node.entries()) {
            byte[][] fv = e.fieldsAndValues();
            int fields = fv.length / 2;
            boolean same = sameFields(node.masterFields(), fv);
            lp.integer((e.deleted() ? FLAG_DELETED : 0) | (same ? FLAG_SAMEFIELDS : 0));
            lp.integer(e.id().ms() - master.ms());
            lp.integer(e.id().seq() - master.seq());
            if (!same) {
                lp.integer(fields);
            }
            for (int i = 0; i < fields; i++) {
                if (!same) {
                    lp.string(fv[2 * i]);
                }
                lp.string(fv[2 * i + 1]);
            }
            lp.integer(same ? fields + 3 : 2L * fields + 4);
        }
        return lp.bytes();
    }

    private static boolean sameFields(byte[][] master, byte[][] fv) {
        if (fv.length / 2 != master.length) {
            return false;
        }
        for (int i = 0; i < master.length; i++) {
            if (!java.util.Arrays.equals(master[i], fv[2 * i])) {
                return false;
            }
        }
        return true;
    }

    static StreamValue toValue(RdbValue.StreamObject o) {
        StreamValue s = new StreamValue();
        for (RdbValue.StreamObject.Node n : o.nodes()) {
            s.loadNode(node(n));
        }
        StreamId last = id(o.lastId());
        if (o.hasCounters()) {
            s.loadCounters(o.length(), last, id(o.firstId()), id(o.maxDeletedId()), o.entriesAdded());
        } else {
            StreamId first = s.edge(true);
            s.loadCounters(o.length(), last, first == null ? StreamId.MAX : first, StreamId.MIN, o.length());
        }
        for (RdbValue.StreamObject.Group g : o.groups()) {
            StreamId groupLast = id(g.lastId());
            long entriesRead = o.hasCounters() ? g.entriesRead() : s.estimateEntriesRead(groupLast);
            StreamGroup group = s.createGroup(Key.of(g.name()), groupLast, entriesRead);
            if (group == null) {
                throw new RdbFormatException("Duplicated consumer group name");
            }
            for (RdbValue.StreamObject.Pending p : g.pending()) {
                if (group.pel().putIfAbsent(id(p.id()), new StreamGroup.Pending(null, p.deliveryTime(),
                        p.deliveryCount())) != null) {
                    throw new RdbFormatException("Duplicated global PEL entry loading stream consumer group");
                }
            }
            for (RdbValue.StreamObject.Consumer c : g.consumers()) {
                StreamGroup.Consumer consumer = group.createConsumer(Key.of(c.name()), c.seenTime());
                if (consumer == null) {
                    throw new RdbFormatException("Duplicate stream consumer detected.");
                }
                for (RdbValue.StreamObject.Id pid : c.pending()) {
                    StreamId id = id(pid);
                    StreamGroup.Pending p = group.pel().get(id);
                    if (p == null) {
                        throw new RdbFormatException("Consumer entry not found in group global PEL");
                    }
                    p.consumer = consumer;
                    if (consumer.pel().putIfAbsent(id, p) != null) {
                        throw new RdbFormatException("Duplicated consumer PEL entry loading a stream consumer group");
                    }
                }
            }
            // An entry no consumer owns (redis-server loads such PELs unless it sanitizes payloads) cannot be served
            // to anyone here: it is dropped, as a deep-sanitizing redis-server would refuse the whole payload.
            group.pel().values().removeIf(p -> p.consumer == null);
        }
        return s;
    }

    private static StreamId id(RdbValue.StreamObject.Id id) {
        return new StreamId(id.ms(), id.seq());
    }

    /** One node from its listpack's elements. */
    private static StreamNode node(RdbValue.StreamObject.Node n) {
        StreamId master = StreamId.decode(n.masterKey(), 0);
        List<byte[]> e = n.elements();
        Cursor c = new Cursor(e);
        long count = c.integer();
        long deleted = c.integer();
        int masterFields = (int) c.integer();
        byte[][] fields = new byte[masterFields][];
        for (int i = 0; i < masterFields; i++) {
            fields[i] = c.next();
        }
        if (c.integer() != 0) {
            throw new RdbFormatException("stream master entry without its terminator");
        }
        StreamNode node = StreamValue.newNode(master, fields);
        for (long k = 0; k < count + deleted; k++) {
            int flags = (int) c.integer();
            StreamId id = new StreamId(master.ms() + c.integer(), master.seq() + c.integer());
            int nf = (flags & FLAG_SAMEFIELDS) != 0 ? masterFields : (int) c.integer();
            byte[][] fv = new byte[2 * nf][];
            for (int i = 0; i < nf; i++) {
                fv[2 * i] = (flags & FLAG_SAMEFIELDS) != 0 ? fields[i] : c.next();
                fv[2 * i + 1] = c.next();
            }
            c.integer(); // lp-count, for walking backwards
            StreamValue.loadEntry(node, id, fv, (flags & FLAG_DELETED) != 0);
        }
        if (node.live() != count || c.more()) {
            throw new RdbFormatException("Stream listpack integrity check failed.");
        }
        return node;
    }

    /** Walks a listpack's elements. */
    private static final class Cursor {
        private final List<byte[]> elements;
        private int at;

        Cursor(List<byte[]> elements) {
            this.elements = elements;
        }

        byte[] next() {
            if (at >= elements.size()) {
                throw new RdbFormatException("Stream listpack integrity check failed.");
            }
            return elements.get(at++);
        }

        long integer() {
            Long v = IntegerText.parse(next());
            if (v == null) {
                throw new RdbFormatException("Stream listpack integrity check failed.");
            }
            return v;
        }

        boolean more() {
            return at < elements.size();
        }
    }

    /** Builds a listpack as lpAppend / lpAppendInteger encode each element. */
    private static final class Listpacks {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int count;

        void integer(long v) {
            byte[] enc;
            if (v >= 0 && v <= 127) {
                enc = new byte[] {(byte) v};
            } else if (v >= -4096 && v <= 4095) {
                long u = v < 0 ? (1L << 13) + v : v;
                enc = new byte[] {(byte) ((u >> 8) | 0xc0), (byte) u};
            } else if (v >= -32768 && v <= 32767) {
                enc = littleEndian(0xf1, v, 2);
            } else if (v >= -8388608 && v <= 8388607) {
                enc = littleEndian(0xf2, v, 3);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                enc = littleEndian(0xf3, v, 4);
            } else {
                enc = littleEndian(0xf4, v, 8);
            }
            element(enc);
        }

        void string(byte[] s) {
            Long v = s.length <= IntegerText.MAX_LENGTH ? IntegerText.parse(s) : null;
            if (v != null) {
                integer(v);
                return;
            }
            ByteArrayOutputStream enc = new ByteArrayOutputStream(s.length + 5);
            if (s.length < 64) {
                enc.write(0x80 | s.length);
            } else if (s.length < 4096) {
                enc.write(0xe0 | (s.length >> 8));
                enc.write(s.length & 0xff);
            } else {
                enc.write(0xf0);
                for (int i = 0; i < 4; i++) {
                    enc.write(s.length >>> (8 * i));
                }
            }
            enc.writeBytes(s);
            element(enc.toByteArray());
        }

        private static byte[] littleEndian(int tag, long v, int bytes) {
            byte[] out = new byte[bytes + 1];
            out[0] = (byte) tag;
            for (int i = 0; i < bytes; i++) {
                out[1 + i] = (byte) (v >>> (8 * i));
            }
            return out;
        }

        private void element(byte[] enc) {
            body.writeBytes(enc);
            long l = enc.length;
            if (l <= 127) {
                body.write((int) l);
            } else if (l < 16383) {
                body.write((int) (l >> 7));
                body.write((int) (l & 127) | 128);
            } else if (l < 2097151) {
                body.write((int) (l >> 14));
                body.write((int) ((l >> 7) & 127) | 128);
                body.write((int) (l & 127) | 128);
            } else if (l < 268435455) {
                body.write((int) (l >> 21));
                body.write((int) ((l >> 14) & 127) | 128);
                body.write((int) ((l >> 7) & 127) | 128);
                body.write((int) (l & 127) | 128);
            } else {
                body.write((int) (l >> 28));
                body.write((int) ((l >> 21) & 127) | 128);
                body.write((int) ((l >> 14) & 127) | 128);
                body.write((int) ((l >> 7) & 127) | 128);
                body.write((int) (l & 127) | 128);
            }
            count++;
        }

        byte[] bytes() {
            int total = 6 + body.size() + 1;
            ByteArrayOutputStream out = new ByteArrayOutputStream(total);
            for (int i = 0; i < 4; i++) {
                out.write(total >>> (8 * i));
            }
            int numele = Math.min(count, 65535);
            out.write(numele & 0xff);
            out.write(numele >>> 8);
            out.writeBytes(body.toByteArray());
            out.write(0xff);
            return out.toByteArray();
        }
    }
}
