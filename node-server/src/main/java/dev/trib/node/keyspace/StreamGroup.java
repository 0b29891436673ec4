package dev.trib.node.keyspace;

import java.util.TreeMap;

/**
 * A consumer group of a stream: the last ID delivered, the logical count of entries read (-1 when unknown), the
 * entries delivered and not yet acknowledged (its PEL), and its consumers, each with its own share of the PEL.
 * Names sort as Redis's radix tree sorts them: byte by byte, unsigned.
 */
public final class StreamGroup {
    /** Redis's SCG_INVALID_ENTRIES_READ. */
    public static final long UNKNOWN_ENTRIES_READ = -1;

    /** A pending entry (a NACK): when it was last delivered, how often, and to whom. */
    public static final class Pending {
        public long deliveryTime;
        public long deliveryCount;
        public Consumer consumer;

        public Pending(Consumer consumer, long deliveryTime, long deliveryCount) {
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = deliveryCount;
        }
    }

    /** A consumer: its name, when it last read or claimed, and the entries pending with it. */
    public static final class Consumer {
        private final Key name;
        public long seenTime;
        private final TreeMap<StreamId, Pending> pel = new TreeMap<>();

        public Consumer(Key name, long seenTime) {
            this.name = name;
            this.seenTime = seenTime;
        }

        public Key name() {
            return name;
        }

        public TreeMap<StreamId, Pending> pel() {
            return pel;
        }
    }

    public StreamId lastId;
    public long entriesRead;
    private final TreeMap<StreamId, Pending> pel = new TreeMap<>();
    private final TreeMap<Key, Consumer> consumers = new TreeMap<>();

    public StreamGroup(StreamId lastId, long entriesRead) {
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    public TreeMap<StreamId, Pending> pel() {
        return pel;
    }

    public TreeMap<Key, Consumer> consumers() {
        return consumers;
    }

    /** The consumer, or null; a lookup that refreshes marks it seen now (Redis's SLC_DEFAULT). */
    public Consumer consumer(Key name, long now, boolean refresh) {
        Consumer c = consumers.get(name);
        if (c != null && refresh) {
            c.seenTime = now;
        }
        return c;
    }

    /** Creates a consumer; null when one of that name exists. */
    public Consumer createConsumer(Key name, long now) {
        if (consumers.containsKey(name)) {
            return null;
        }
        Consumer c = new Consumer(name, now);
        consumers.put(name, c);
        return c;
    }

    /** The consumer, created when missing, marked seen now. */
    public Consumer consumerOrCreate(Key name, long now) {
        Consumer c = consumer(name, now, true);
        return c != null ? c : createConsumer(name, now);
    }

    /** Deletes a consumer and its pending entries; returns how many it had. */
    public int deleteConsumer(Consumer c) {
        int pending = c.pel.size();
        for (StreamId id : c.pel.keySet()) {
            pel.remove(id);
        }
        consumers.remove(c.name);
        return pending;
    }

    /** Removes a pending entry from the group and its consumer; true when it was pending. */
    public boolean acknowledge(StreamId id) {
        Pending p = pel.remove(id);
        if (p == null) {
            return false;
        }
        if (p.consumer != null) {
            p.consumer.pel.remove(id);
        }
        return true;
    }

    /** Moves a pending entry to another consumer. */
    public void assign(StreamId id, Pending p, Consumer to) {
        if (p.consumer != to) {
            if (p.consumer != null) {
                p.consumer.pel.remove(id);
            }
            to.pel.put(id, p);
            p.consumer = to;
        }
    }
}
