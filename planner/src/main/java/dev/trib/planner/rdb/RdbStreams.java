package dev.trib.planner.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a stream (RDB types 15 and 19): the nodes (radix tree key, listpack), the length and IDs, then each
 * consumer group with its PEL (raw 16-byte IDs, delivery time, delivery count) and consumers (name, seen time, the
 * IDs of their share of the PEL). Refuses what redis-server refuses on load: node keys that are not 16 bytes, empty
 * listpacks, duplicate groups, consumers and PEL entries, and a consumer's entry missing from the group's PEL.
 */
final class RdbStreams {
    private RdbStreams() {
    }

    static RdbValue.StreamObject read(RdbInput in, boolean counters) {
        List<RdbValue.StreamObject.Node> nodes = new ArrayList<>();
        for (long n = in.length(); n > 0; n--) {
            byte[] key = in.string();
            if (key.length != 16) {
                throw new RdbFormatException("Stream node key entry is not the size of a stream ID");
            }
            List<byte[]> elements = Listpack.entries(in.string());
            if (elements.isEmpty()) {
                throw new RdbFormatException("Empty listpack inside stream");
            }
            nodes.add(new RdbValue.StreamObject.Node(key, elements));
        }
        long length = in.unsignedLength();
        RdbValue.StreamObject.Id last = id(in);
        RdbValue.StreamObject.Id first = counters ? id(in) : null;
        RdbValue.StreamObject.Id maxDeleted = counters ? id(in) : null;
        long entriesAdded = counters ? in.unsignedLength() : length;
        if (length != 0 && nodes.isEmpty()) {
            throw new RdbFormatException("Stream length inconsistent with rax entries");
        }
        List<RdbValue.StreamObject.Group> groups = new ArrayList<>();
        for (long g = in.length(); g > 0; g--) {
            byte[] name = in.string();
            RdbValue.StreamObject.Id lastId = id(in);
            long entriesRead = counters ? in.unsignedLength() : -1;
            List<RdbValue.StreamObject.Pending> pel = new ArrayList<>();
            for (long p = in.length(); p > 0; p--) {
                RdbValue.StreamObject.Id id = rawId(in);
                pel.add(new RdbValue.StreamObject.Pending(id, in.little(8), in.unsignedLength()));
            }
            List<RdbValue.StreamObject.Consumer> consumers = new ArrayList<>();
            for (long c = in.length(); c > 0; c--) {
                byte[] consumer = in.string();
                long seen = in.little(8);
                List<RdbValue.StreamObject.Id> own = new ArrayList<>();
                for (long p = in.length(); p > 0; p--) {
                    own.add(rawId(in));
                }
                consumers.add(new RdbValue.StreamObject.Consumer(consumer, seen, own));
            }
            groups.add(new RdbValue.StreamObject.Group(name, lastId, entriesRead, pel, consumers));
        }
        return new RdbValue.StreamObject(nodes, length, last, first, maxDeleted, entriesAdded, counters, groups);
    }

    private static RdbValue.StreamObject.Id id(RdbInput in) {
        long ms = in.unsignedLength();
        return new RdbValue.StreamObject.Id(ms, in.unsignedLength());
    }

    /** A PEL ID: 16 raw bytes, both halves big-endian. */
    private static RdbValue.StreamObject.Id rawId(RdbInput in) {
        byte[] b = in.bytes(16);
        return new RdbValue.StreamObject.Id(Bytes.be(b, 0, 8), Bytes.be(b, 8, 8));
    }
}
