package dev.trib.node.command.observe;

import dev.trib.node.resp.DoubleReply;
import dev.trib.node.resp.MapReply;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.FloatText;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MEMORY STATS, DOCTOR and MALLOC-STATS in redis-server's shapes, with this JVM's figures: "allocated" is heap plus
 * non-heap in use, "active" what the JVM has committed, "resident" the process RSS from /proc (committed memory where
 * that is unavailable). Buffers Redis accounts separately (client, replication, AOF, Lua) are not measured here and
 * read 0; the keyspace overheads are this node's own entry sizes.
 */
final class MemoryReport {
    private static final long ENTRY_OVERHEAD = 48;
    private final Keyspace keyspace;
    private final long startup;
    private long peak;

    MemoryReport(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.startup = allocated();
        this.peak = startup;
    }

    private static MemoryMXBean bean() {
        return ManagementFactory.getMemoryMXBean();
    }

    static long allocated() {
        return bean().getHeapMemoryUsage().getUsed() + bean().getNonHeapMemoryUsage().getUsed();
    }

    static long committed() {
        return bean().getHeapMemoryUsage().getCommitted() + bean().getNonHeapMemoryUsage().getCommitted();
    }

    static long resident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux: fall back below
        }
        return committed();
    }

    RespReply stats() {
        long total = allocated();
        peak = Math.max(peak, total);
        long keys = keyspace.size();
        long main = keys * ENTRY_OVERHEAD;
        long expires = (long) keyspace.volatileSize() * ENTRY_OVERHEAD;
        long overhead = startup + main + expires;
        long net = Math.max(0, total - startup);
        long dataset = Math.max(0, total - overhead);
        long active = committed();
        long rss = resident();
        List<RespReply> out = new ArrayList<>();
        add(out, "peak.allocated", Replies.integer(peak));
        add(out, "total.allocated", Replies.integer(total));
        add(out, "startup.allocated", Replies.integer(startup));
        for (String unmeasured : new String[] {"replication.backlog", "clients.slaves", "clients.normal",
            "cluster.links", "aof.buffer", "lua.caches", "functions.caches"}) {
            add(out, unmeasured, Replies.ZERO);
        }
        if (keys > 0) { // as Redis, only databases holding keys are listed
            add(out, "db.0", new MapReply(List.of(BulkReply.of("overhead.hashtable.main"), Replies.integer(main),
                BulkReply.of("overhead.hashtable.expires"), Replies.integer(expires),
                    BulkReply.of("overhead.hashtable.slot-to-keys"), Replies.ZERO)));
        }
        add(out, "overhead.total", Replies.integer(overhead));
        add(out, "keys.count", Replies.integer(keys));
        add(out, "keys.bytes-per-key", Replies.integer(keys == 0 ? 0 : net / keys));
        add(out, "dataset.bytes", Replies.integer(dataset));
        add(out, "dataset.percentage", ratio(net == 0 ? 0 : dataset * 100.0 / net));
        add(out, "peak.percentage", ratio(total * 100.0 / peak));
        add(out, "allocator.allocated", Replies.integer(total));
        add(out, "allocator.active", Replies.integer(active));
        add(out, "allocator.resident", Replies.integer(rss));
        add(out, "allocator-fragmentation.ratio", ratio((double) active / total));
        add(out, "allocator-fragmentation.bytes", Replies.integer(active - total));
        add(out, "allocator-rss.ratio", ratio((double) rss / active));
        add(out, "allocator-rss.bytes", Replies.integer(rss - active));
        add(out, "rss-overhead.ratio", ratio(1.0));
        add(out, "rss-overhead.bytes", Replies.ZERO);
        add(out, "fragmentation", ratio((double) rss / total));
        add(out, "fragmentation.bytes", Replies.integer(rss - total));
        return new MapReply(out);
    }

    private static void add(List<RespReply> out, String name, RespReply value) {
        out.add(BulkReply.of(name));
        out.add(value);
    }

    /** As Redis prints these ratios: a float shown with %.17g. */
    private static RespReply ratio(double v) {
        return new DoubleReply(FloatText.g17((float) v));
    }

    String doctor() {
        if (allocated() - startup < 5L * 1024 * 1024) {
            return "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used "
                    + "in these conditions. Please, leave for your mission on Earth and fill it with some data. The "
                    + "new Sam and I will be back to our programming as soon as I finished rebooting.\n";
        }
        return "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this "
                + "base.\n";
    }

    /** The JVM's memory pools in place of an allocator's statistics. */
    static byte[] mallocStats() {
        StringBuilder out = new StringBuilder("___ Begin JVM memory statistics (node-server has no malloc) ___\n");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pool.getUsage();
            out.append(pool.getName()).append(" (").append(pool.getType()).append("): used ").append(u.getUsed())
                    .append(", committed ").append(u.getCommitted()).append(", max ").append(u.getMax()).append('\n');
        }
        out.append("--- End JVM memory statistics ---\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
