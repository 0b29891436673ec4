package dev.trib.node.command.server;

import dev.trib.node.cluster.ClusterInfoSource;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.migrate.MigrateCommand;
import dev.trib.node.config.ServerIdentity;
import dev.trib.node.server.ServerContext;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds INFO text: "# Section" headers, "field:value" lines with CRLF, a blank line between
 * sections. Fields are the ones tools parse (redis-cli --cluster, Lettuce, trib) with Redis's names.
 */
final class InfoReport {
    private static final List<String> DEFAULT_SECTIONS = List.of("server", "clients", "memory", "persistence",
            "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    private final ServerContext server;
    private final OpsRate opsRate = new OpsRate();

    InfoReport(ServerContext server) {
        this.server = server;
    }

    String render(Set<String> requested) {
        boolean all = requested.isEmpty() || requested.contains("default") || requested.contains("all")
                || requested.contains("everything");
        StringBuilder out = new StringBuilder();
        for (String section : DEFAULT_SECTIONS) {
            if (!all && !requested.contains(section)) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\r\n");
            }
            out.append("# ").append(Character.toUpperCase(section.charAt(0))).append(section.substring(1))
                    .append("\r\n");
            switch (section) {
                case "server" -> server(out);
                case "clients" -> clients(out);
                case "memory" -> memory(out);
                case "persistence" -> persistence(out);
                case "stats" -> stats(out);
                case "replication" -> replication(out);
                case "cpu" -> cpu(out);
                case "cluster" -> field(out, "cluster_enabled", server.clusterEnabled() ? "1" : "0");
                case "keyspace" -> keyspace(out);
                default -> {
                    // modules, errorstats: nothing to report
                }
            }
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String name, Object value) {
        out.append(name).append(':').append(value).append("\r\n");
    }

    private void server(StringBuilder out) {
        long now = server.clock().nowMillis();
        long uptime = (now - server.startMillis()) / 1000;
        field(out, "redis_version", ServerIdentity.INFO_VERSION);
        field(out, "redis_git_sha1", "00000000");
        field(out, "redis_git_dirty", 0);
        field(out, "redis_build_id", "0");
        field(out, "redis_mode", server.clusterEnabled() ? "cluster" : "standalone");
        field(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        field(out, "arch_bits", 64);
        field(out, "multiplexing_api", "epoll");
        field(out, "process_id", ProcessHandle.current().pid());
        field(out, "process_supervised", "no");
        field(out, "run_id", server.runId());
        field(out, "tcp_port", server.port());
        field(out, "server_time_usec", now * 1000);
        field(out, "uptime_in_seconds", uptime);
        field(out, "uptime_in_days", uptime / 86400);
        field(out, "hz", server.config().get("hz"));
        field(out, "configured_hz", server.config().get("hz"));
        field(out, "lru_clock", (now / 1000) & ((1 << 24) - 1));
        field(out, "executable", ProcessHandle.current().info().command().orElse(""));
        field(out, "config_file", server.configFile() == null ? "" : server.configFile().toAbsolutePath());
        field(out, "io_threads_active", 0);
    }

    private void clients(StringBuilder out) {
        ClusterInfoSource cluster = server.cluster();
        field(out, "connected_clients", server.clients().size());
        field(out, "cluster_connections", cluster == null ? 0 : cluster.busConnections());
        field(out, "maxclients", server.config().get("maxclients"));
        field(out, "client_recent_max_input_buffer", 0);
        field(out, "client_recent_max_output_buffer", 0);
        field(out, "blocked_clients", server.clients().all().stream().filter(c -> c.blocked()).count());
        field(out, "tracking_clients", 0);
        field(out, "clients_in_timeout_table", 0);
    }

    private void memory(StringBuilder out) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long maxmemory = server.config().getLong("maxmemory");
        field(out, "used_memory", used);
        field(out, "used_memory_human", human(used));
        field(out, "used_memory_rss", rt.totalMemory());
        field(out, "used_memory_rss_human", human(rt.totalMemory()));
        field(out, "used_memory_peak", used);
        field(out, "used_memory_peak_human", human(used));
        field(out, "maxmemory", maxmemory);
        field(out, "maxmemory_human", human(maxmemory));
        field(out, "maxmemory_policy", server.config().get("maxmemory-policy"));
        field(out, "mem_fragmentation_ratio", "1.00");
        field(out, "mem_allocator", "libc");
    }

    /** Redis's bytesToHuman: B below 1 KiB, then K, M, G, T with two decimals. */
    static String human(long n) {
        String[] units = {"K", "M", "G", "T", "P"};
        if (n < 1024) {
            return n + "B";
        }
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[unit]);
    }

    private void persistence(StringBuilder out) {
        if (server.persistence() != null) {
            server.persistence().info().forEach((name, value) -> field(out, name, value));
            return;
        }
        field(out, "loading", 0);
        field(out, "async_loading", 0);
        field(out, "rdb_changes_since_last_save", 0);
        field(out, "rdb_bgsave_in_progress", 0);
        field(out, "rdb_last_save_time", server.startMillis() / 1000);
        field(out, "rdb_last_bgsave_status", "ok");
        field(out, "rdb_last_bgsave_time_sec", -1);
        field(out, "rdb_current_bgsave_time_sec", -1);
        field(out, "aof_enabled", server.config().getBool("appendonly") ? 1 : 0);
        field(out, "aof_rewrite_in_progress", 0);
        field(out, "aof_rewrite_scheduled", 0);
        field(out, "aof_last_write_status", "ok");
    }

    private void stats(StringBuilder out) {
        field(out, "total_connections_received", server.clients().totalConnections());
        long commands = server.dispatcher() == null ? 0 : server.dispatcher().commandsProcessed();
        field(out, "total_commands_processed", commands);
        field(out, "instantaneous_ops_per_sec", opsRate.perSecond(commands, server.clock().nowMillis()));
        field(out, "rejected_connections", 0);
        field(out, "expired_keys", 0);
        field(out, "evicted_keys", 0);
        field(out, "keyspace_hits", 0);
        field(out, "keyspace_misses", 0);
        field(out, "pubsub_channels", 0);
        field(out, "pubsub_patterns", 0);
        field(out, "migrate_cached_sockets", migrateCachedSockets());
        field(out, "total_error_replies", server.dispatcher() == null ? 0 : server.dispatcher().errorReplies());
    }

    private int migrateCachedSockets() {
        CommandSpec migrate = server.dispatcher() == null ? null : server.dispatcher().table().lookup("migrate");
        return migrate != null && migrate.command() instanceof MigrateCommand m ? m.cachedSockets() : 0;
    }

    private void replication(StringBuilder out) {
        ClusterInfoSource cluster = server.cluster();
        dev.trib.node.replication.ReplicationManager rm = server.replication();
        dev.trib.node.replication.ReplicationLog rl = rm.log();
        dev.trib.node.replication.MasterLink link = rm.link();
        long now = server.clock().nowMillis();
        if (link != null || (cluster != null && cluster.isReplica())) {
            field(out, "role", "slave");
            field(out, "master_host", link != null ? link.host() : cluster.masterHost() == null ? "" : cluster.masterHost());
            field(out, "master_port", link != null ? link.port() : cluster.masterPort());
            boolean up = link != null && link.up();
            field(out, "master_link_status", up ? "up" : "down");
            field(out, "master_last_io_seconds_ago", link == null || link.lastIoMillis() == 0 ? -1
                    : (now - link.lastIoMillis()) / 1000);
            field(out, "master_sync_in_progress", link != null && link.syncInProgress() ? 1 : 0);
            field(out, "slave_read_repl_offset", rl.offset());
            field(out, "slave_repl_offset", rl.offset());
            if (!up) {
                field(out, "master_link_down_since_seconds", link == null || link.linkDownSince() == 0 ? -1
                        : (now - link.linkDownSince()) / 1000);
            }
            field(out, "slave_priority", server.config().get("replica-priority"));
            field(out, "slave_read_only", 1);
            field(out, "replica_announced", 1);
        } else {
            field(out, "role", "master");
        }
        java.util.List<dev.trib.node.replication.ReplicaPeer> replicas = rl.replicas();
        field(out, "connected_slaves", replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            dev.trib.node.replication.ReplicaPeer p = replicas.get(i);
            field(out, "slave" + i, "ip=" + p.ip() + ",port=" + p.port() + ",state=online,offset=" + p.ackOffset()
                    + ",lag=" + (now - p.ackMillis()) / 1000);
        }
        field(out, "master_failover_state", "no-failover");
        field(out, "master_replid", rl.replid());
        field(out, "master_replid2", rl.replid2());
        field(out, "master_repl_offset", rl.offset());
        field(out, "second_repl_offset", rl.secondOffset());
        field(out, "repl_backlog_active", rl.backlogActive() ? 1 : 0);
        field(out, "repl_backlog_size", server.config().get("repl-backlog-size"));
        field(out, "repl_backlog_first_byte_offset", rl.backlogFirstByte());
        field(out, "repl_backlog_histlen", rl.backlogHistlen());
    }

    private static void cpu(StringBuilder out) {
        double seconds = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            seconds = os.getProcessCpuTime() / 1e9;
        }
        field(out, "used_cpu_sys", "0.000000");
        field(out, "used_cpu_user", String.format(Locale.ROOT, "%.6f", seconds));
        field(out, "used_cpu_sys_children", "0.000000");
        field(out, "used_cpu_user_children", "0.000000");
    }

    private void keyspace(StringBuilder out) {
        int keys = server.keyspace().size();
        if (keys > 0) {
            field(out, "db0", "keys=" + keys + ",expires=" + server.keyspace().volatileSize() + ",avg_ttl=0");
        }
    }
}
