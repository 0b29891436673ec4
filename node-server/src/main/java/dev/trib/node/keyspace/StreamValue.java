package dev.trib.node.keyspace;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream, laid out as Redis 7.0 lays it out: entries in nodes keyed by their master ID (see {@link StreamNode}),
 * the last ID generated, the first entry's ID, the largest ID ever deleted, the count of entries ever added, and
 * the consumer groups by name. Node boundaries follow stream-node-max-bytes 4096 and stream-node-max-entries 100,
 * redis-server's defaults, so XINFO and approximate trimming answer as redis-server's do.
 */
public final class StreamValue implements RedisValue {
    public static final int NODE_MAX_BYTES = 4096;
    public static final int NODE_MAX_ENTRIES = 100;
    /** A listpack holds at most 1 GB: Redis's STREAM_LISTPACK_MAX_SIZE. */
    public static final long MAX_ENTRY_BYTES = 1L << 30;

    private final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
    private final TreeMap<Key, StreamGroup> groups = new TreeMap<>();
    private long length;
    public StreamId lastId = StreamId.MIN;
    public StreamId firstId = StreamId.MIN;
    public StreamId maxDeletedId = StreamId.MIN;
    public long entriesAdded;

    @Override
    public ValueType type() {
        return ValueType.STREAM;
    }

    public long length() {
        return length;
    }

    /** The nodes in ID order; for the RDB writer. */
    public Iterable<StreamNode> nodes() {
        return nodes.values();
    }

    public int nodeCount() {
        return nodes.size();
    }

    public TreeMap<Key, StreamGroup> groups() {
        return groups;
    }

    public StreamGroup group(Key name) {
        return groups.get(name);
    }

    /** Creates a group; null when one of that name exists. */
    public StreamGroup createGroup(Key name, StreamId lastDelivered, long entriesRead) {
        if (groups.containsKey(name)) {
            return null;
        }
        StreamGroup g = new StreamGroup(lastDelivered, entriesRead);
        groups.put(name, g);
        return g;
    }

    /**
     * The ID a new entry gets: the one given, or with only its milliseconds given the next sequence in them, or
     * from the clock; null when it would not be above the last ID (or the sequence is exhausted).
     */
    public StreamId newId(StreamId given, boolean seqGiven, long now) {
        StreamId id;
        if (given != null && seqGiven) {
            id = given;
        } else if (given != null) {
            if (lastId.ms() == given.ms()) {
                if (lastId.seq() == -1) {
                    return null;
                }
                id = new StreamId(given.ms(), lastId.seq() + 1);
            } else {
                id = given;
            }
        } else if (Long.compareUnsigned(now, lastId.ms()) > 0) {
            id = new StreamId(now, 0);
        } else {
            id = lastId.next();
            if (id == null) {
                id = StreamId.MIN;
            }
        }
        return id.compareTo(lastId) > 0 ? id : null;
    }

    /** Appends an entry whose ID is above the last one, in a new node when the tail node is full. */
    public void append(StreamId id, byte[][] fieldsAndValues) {
        long total = 0;
        for (byte[] b : fieldsAndValues) {
            total += b.length;
        }
        StreamNode tail = nodes.isEmpty() ? null : nodes.lastEntry().getValue();
        if (tail != null && (tail.bytes() + total >= NODE_MAX_BYTES
                || tail.live() + tail.deletedCount() >= NODE_MAX_ENTRIES)) {
            tail = null;
        }
        if (tail == null) {
            byte[][] fields = new byte[fieldsAndValues.length / 2][];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fieldsAndValues[2 * i];
            }
            tail = new StreamNode(id, fields);
            nodes.put(id, tail);
        }
        tail.append(id, fieldsAndValues, false);
        length++;
        entriesAdded++;
        lastId = id;
        if (length == 1) {
            firstId = id;
        }
    }

    /** Adds a node exactly as stored (RDB, RESTORE); {@link #loadCounters} sets the counters afterwards. */
    public void loadNode(StreamNode node) {
        nodes.put(node.master(), node);
    }

    /** The counters as stored (RDB, RESTORE), which Redis trusts over what the nodes hold. */
    public void loadCounters(long length, StreamId last, StreamId first, StreamId maxDeleted, long added) {
        this.length = length;
        lastId = last;
        firstId = first;
        maxDeletedId = maxDeleted;
        entriesAdded = added;
    }

    /** A new, empty node for a loader to fill with {@link #loadEntry}. */
    public static StreamNode newNode(StreamId master, byte[][] masterFields) {
        return new StreamNode(master, masterFields);
    }

    public static void loadEntry(StreamNode node, StreamId id, byte[][] fieldsAndValues, boolean deleted) {
        node.append(id, fieldsAndValues, deleted);
    }

    /** Live entries from start to end inclusive, ascending or (rev) descending; at most limit of them (0: all). */
    public List<StreamNode.Entry> range(StreamId start, StreamId end, boolean rev, long limit) {
        List<StreamNode.Entry> out = new ArrayList<>();
        if (start.compareTo(end) > 0 || nodes.isEmpty()) {
            return out;
        }
        if (!rev) {
            StreamId from = nodes.floorKey(start);
            for (StreamNode node : (from == null ? nodes : nodes.tailMap(from, true)).values()) {
                List<StreamNode.Entry> es = node.entries();
                for (int i = node.ceilingIndex(start); i < es.size(); i++) {
                    StreamNode.Entry e = es.get(i);
                    if (e.id().compareTo(end) > 0) {
                        return out;
                    }
                    if (!e.deleted()) {
                        out.add(e);
                        if (limit > 0 && out.size() >= limit) {
                            return out;
                        }
                    }
                }
            }
        } else {
            StreamId from = nodes.floorKey(end);
            if (from == null) {
                return out;
            }
            for (StreamNode node : nodes.headMap(from, true).descendingMap().values()) {
                List<StreamNode.Entry> es = node.entries();
                int i = node.ceilingIndex(end);
                if (i == es.size() || es.get(i).id().compareTo(end) > 0) {
                    i--;
                }
                for (; i >= 0; i--) {
                    StreamNode.Entry e = es.get(i);
                    if (e.id().compareTo(start) < 0) {
                        return out;
                    }
                    if (!e.deleted()) {
                        out.add(e);
                        if (limit > 0 && out.size() >= limit) {
                            return out;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The live entry with this ID, or null. */
    public StreamNode.Entry get(StreamId id) {
        Map.Entry<StreamId, StreamNode> n = nodes.floorEntry(id);
        if (n == null) {
            return null;
        }
        StreamNode.Entry e = n.getValue().find(id);
        return e == null || e.deleted() ? null : e;
    }

    /** The ID of the first or last live entry, or null when there is none. */
    public StreamId edge(boolean first) {
        List<StreamNode.Entry> one = first ? range(StreamId.MIN, StreamId.MAX, false, 1)
                : range(StreamId.MIN, StreamId.MAX, true, 1);
        return one.isEmpty() ? null : one.get(0).id();
    }

    /** XDEL: deletes the live entries among these IDs, keeping the first and largest deleted IDs current. */
    public long delete(List<StreamId> ids) {
        long deleted = 0;
        boolean firstGone = false;
        for (StreamId id : ids) {
            Map.Entry<StreamId, StreamNode> n = nodes.floorEntry(id);
            StreamNode.Entry e = n == null ? null : n.getValue().find(id);
            if (e == null || e.deleted()) {
                continue;
            }
            StreamNode node = n.getValue();
            if (node.live() == 1) {
                nodes.remove(node.master());
            } else {
                node.markDeleted(e);
            }
            length--;
            if (id.equals(firstId)) {
                firstGone = true;
            }
            if (id.compareTo(maxDeletedId) > 0) {
                maxDeletedId = id;
            }
            deleted++;
        }
        if (deleted > 0) {
            if (length == 0) {
                firstId = StreamId.MIN;
            } else if (firstGone) {
                firstId = edge(true);
            }
        }
        return deleted;
    }

    /**
     * XTRIM / XADD's trimming, as Redis's streamTrim: whole nodes from the head while that leaves enough, then (unless
     * approximate) entries inside the next node; at most limit entries (0: no limit).
     *
     * @param minId null to trim by length
     * @return entries deleted
     */
    public long trim(long maxLen, StreamId minId, boolean approx, long limit) {
        long deleted = 0;
        Iterator<StreamNode> it = nodes.values().iterator();
        while (it.hasNext()) {
            if (minId == null && length <= maxLen) {
                break;
            }
            StreamNode node = it.next();
            long entries = node.live();
            if (limit > 0 && deleted + entries > limit) {
                break;
            }
            boolean removeNode = minId == null ? length - entries >= maxLen
                    : node.lastEntry().id().compareTo(minId) < 0;
            if (removeNode) {
                it.remove();
                length -= entries;
                deleted += entries;
                continue;
            }
            if (approx) {
                break;
            }
            for (StreamNode.Entry e : node.entries()) {
                boolean stop = minId == null ? length <= maxLen : e.id().compareTo(minId) >= 0;
                if (stop) {
                    break;
                }
                if (!e.deleted()) {
                    node.markDeleted(e);
                    length--;
                    deleted++;
                }
            }
            break;
        }
        if (length == 0) {
            firstId = StreamId.MIN;
        } else if (deleted > 0) {
            firstId = edge(true);
        }
        return deleted;
    }

    /** The first entry's ID, deleted or not (MAX when there is none), as the MINID sent after an approximate trim. */
    public StreamId firstStoredId() {
        return nodes.isEmpty() ? StreamId.MAX : nodes.firstEntry().getValue().entries().get(0).id();
    }

    /** Whether a deleted entry may lie from start to the end of the stream (Redis's streamRangeHasTombstones). */
    public boolean tombstonesFrom(StreamId start) {
        if (length == 0 || maxDeletedId.isZero()) {
            return false;
        }
        if (firstId.compareTo(maxDeletedId) > 0) {
            return false;
        }
        return start.compareTo(maxDeletedId) <= 0;
    }

    /** The logical read counter of an ID, or -1 when it cannot be known (streamEstimateDistanceFromFirstEverEntry). */
    public long estimateEntriesRead(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && id.compareTo(lastId) < 1) {
            return entriesAdded;
        }
        int cmpLast = id.compareTo(lastId);
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return StreamGroup.UNKNOWN_ENTRIES_READ;
        }
        int cmpFirst = id.compareTo(firstId);
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(firstId) < 0) {
            if (cmpFirst < 0) {
                return entriesAdded - length;
            } else if (cmpFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return StreamGroup.UNKNOWN_ENTRIES_READ;
    }

    /** A group's lag, or null when it cannot be known. */
    public Long lag(StreamGroup g) {
        if (entriesAdded == 0) {
            return 0L;
        }
        if (g.entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ && !tombstonesFrom(g.lastId)) {
            return entriesAdded - g.entriesRead;
        }
        long read = estimateEntriesRead(g.lastId);
        return read == StreamGroup.UNKNOWN_ENTRIES_READ ? null : entriesAdded - read;
    }

    /** A group delivering this entry: its last ID and read counter move on. */
    public void delivered(StreamGroup g, StreamId id) {
        if (g.entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ && !tombstonesFrom(id)) {
            g.entriesRead++;
        } else if (entriesAdded != 0) {
            g.entriesRead = estimateEntriesRead(id);
        }
        g.lastId = id;
    }

    /** Nodes in the radix tree that holds the stream's nodes (XINFO's radix-tree-nodes), in its compressed form. */
    public long radixTreeNodes() {
        List<byte[]> keys = new ArrayList<>(nodes.size());
        for (StreamId id : nodes.keySet()) {
            keys.add(id.encode());
        }
        return keys.isEmpty() ? 1 : raxNodes(keys, 0, keys.size(), 0);
    }

    /** Nodes below (and including) the one at depth for keys[from, to), sorted and all 16 bytes long. */
    private static long raxNodes(List<byte[]> keys, int from, int to, int depth) {
        if (depth == 16) {
            return 1; // a leaf: the key itself
        }
        if (to - from == 1) {
            return 2; // a compressed node holding the rest, then the leaf
        }
        int common = depth;
        byte[] first = keys.get(from);
        byte[] last = keys.get(to - 1); // sorted: what the first and last share, all share
        while (common < 16 && first[common] == last[common]) {
            common++;
        }
        return (common > depth ? 1 : 0) + branch(keys, from, to, common);
    }

    /** A branching node at depth and its children. */
    private static long branch(List<byte[]> keys, int from, int to, int depth) {
        long count = 1;
        int i = from;
        while (i < to) {
            int j = i + 1;
            while (j < to && keys.get(j)[depth] == keys.get(i)[depth]) {
                j++;
            }
            count += raxNodes(keys, i, j, depth + 1);
            i = j;
        }
        return count;
    }
}
