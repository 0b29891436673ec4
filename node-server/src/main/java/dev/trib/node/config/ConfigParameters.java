package dev.trib.node.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters this node understands, with redis-server 7.0's defaults. Anything else is an
 * unknown directive: a startup error, and "Unknown option" for CONFIG SET.
 */
public final class ConfigParameters {
    public static final String PORT = "port";
    public static final String BIND = "bind";
    public static final String DIR = "dir";
    public static final String CLUSTER_ENABLED = "cluster-enabled";
    public static final String CLUSTER_CONFIG_FILE = "cluster-config-file";
    public static final String CLUSTER_NODE_TIMEOUT = "cluster-node-timeout";
    public static final String CLUSTER_PORT = "cluster-port";
    public static final String CLUSTER_ANNOUNCE_IP = "cluster-announce-ip";
    public static final String CLUSTER_ANNOUNCE_HOSTNAME = "cluster-announce-hostname";
    public static final String CLUSTER_REQUIRE_FULL_COVERAGE = "cluster-require-full-coverage";
    public static final String CLUSTER_ALLOW_READS_WHEN_DOWN = "cluster-allow-reads-when-down";
    public static final String CLUSTER_ALLOW_REPLICA_MIGRATION = "cluster-allow-replica-migration";
    public static final String REQUIREPASS = "requirepass";
    public static final String DAEMONIZE = "daemonize";
    public static final String LOGFILE = "logfile";
    public static final String PIDFILE = "pidfile";
    public static final String ENABLE_DEBUG_COMMAND = "enable-debug-command";
    public static final String PROTECTED_MODE = "protected-mode";
    public static final String TLS_PORT = "tls-port";
    public static final String TLS_CERT_FILE = "tls-cert-file";
    public static final String TLS_KEY_FILE = "tls-key-file";
    public static final String TLS_CLIENT_CERT_FILE = "tls-client-cert-file";
    public static final String TLS_CLIENT_KEY_FILE = "tls-client-key-file";
    public static final String TLS_CA_CERT_FILE = "tls-ca-cert-file";
    public static final String TLS_CA_CERT_DIR = "tls-ca-cert-dir";
    public static final String TLS_AUTH_CLIENTS = "tls-auth-clients";
    public static final String TLS_PROTOCOLS = "tls-protocols";
    public static final String TLS_CLUSTER = "tls-cluster";
    public static final String TLS_REPLICATION = "tls-replication";

    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long LONG_MAX = Long.MAX_VALUE;

    private final Map<String, ConfigParameter> byName = new LinkedHashMap<>();
    private final Map<String, ConfigParameter> byAnyName = new LinkedHashMap<>();

    private static final ConfigParameters STANDARD = new ConfigParameters();

    private ConfigParameters() {
        add(PORT, "6379", true, ValueKind.integer(0, 65535));
        add(BIND, "* -::*", false, ValueKind.words(ValueKind.STRING));
        add(DIR, ".", true, ValueKind.STRING);
        add(CLUSTER_ENABLED, "no", false, ValueKind.BOOL);
        add(CLUSTER_CONFIG_FILE, "nodes.conf", false, ValueKind.STRING);
        add(CLUSTER_NODE_TIMEOUT, "15000", true, ValueKind.integer(0, LONG_MAX));
        add(CLUSTER_PORT, "0", false, ValueKind.integer(0, 65535));
        add(CLUSTER_ANNOUNCE_IP, "", true, ValueKind.STRING);
        add(CLUSTER_ANNOUNCE_HOSTNAME, "", true, ValueKind.STRING);
        add("cluster-announce-port", "0", true, ValueKind.integer(0, 65535));
        add("cluster-announce-bus-port", "0", true, ValueKind.integer(0, 65535));
        add("cluster-announce-tls-port", "0", true, ValueKind.integer(0, 65535));
        add(CLUSTER_REQUIRE_FULL_COVERAGE, "yes", true, ValueKind.BOOL);
        add("cluster-replica-validity-factor", "10", true, ValueKind.integer(0, INT_MAX),
                "cluster-slave-validity-factor");
        add("cluster-migration-barrier", "1", true, ValueKind.integer(0, INT_MAX));
        add(CLUSTER_ALLOW_REPLICA_MIGRATION, "yes", true, ValueKind.BOOL);
        add(CLUSTER_ALLOW_READS_WHEN_DOWN, "no", true, ValueKind.BOOL);
        add("cluster-allow-pubsubshard-when-down", "yes", true, ValueKind.BOOL);
        add("cluster-replica-no-failover", "no", true, ValueKind.BOOL, "cluster-slave-no-failover");
        add("cluster-preferred-endpoint-type", "ip", true, ValueKind.oneOf("ip", "hostname", "unknown-endpoint"));
        add("cluster-link-sendbuf-limit", "0", true, ValueKind.integer(0, LONG_MAX));
        add(REQUIREPASS, "", true, ValueKind.STRING);
        add("masterauth", "", true, ValueKind.STRING);
        add("masteruser", "", true, ValueKind.STRING);
        add("appendonly", "no", true, ValueKind.BOOL);
        add("appendfsync", "everysec", true, ValueKind.oneOf("always", "everysec", "no"));
        add("save", "3600 1 300 100 60 10000", true, ValueKind.words(ValueKind.integer(0, LONG_MAX)));
        add(DAEMONIZE, "no", false, ValueKind.BOOL);
        add(LOGFILE, "", false, ValueKind.STRING);
        add(PIDFILE, "", false, ValueKind.STRING);
        add(PROTECTED_MODE, "yes", true, ValueKind.BOOL);
        // TLS is set up once at startup (NodeTls), so unlike redis-server these cannot be changed at run time.
        add(TLS_PORT, "0", false, ValueKind.integer(0, 65535));
        add(TLS_CERT_FILE, "", false, ValueKind.STRING);
        add(TLS_KEY_FILE, "", false, ValueKind.STRING);
        add(TLS_CLIENT_CERT_FILE, "", false, ValueKind.STRING);
        add(TLS_CLIENT_KEY_FILE, "", false, ValueKind.STRING);
        add(TLS_CA_CERT_FILE, "", false, ValueKind.STRING);
        add(TLS_CA_CERT_DIR, "", false, ValueKind.STRING);
        add(TLS_AUTH_CLIENTS, "yes", false, ValueKind.oneOf("no", "yes", "optional"));
        add(TLS_PROTOCOLS, "", false, ValueKind.STRING);
        add(TLS_CLUSTER, "no", false, ValueKind.BOOL);
        add(TLS_REPLICATION, "no", false, ValueKind.BOOL);
        add("loglevel", "notice", true, ValueKind.oneOf("debug", "verbose", "notice", "warning", "nothing"));
        add("databases", "16", false, ValueKind.integer(1, INT_MAX));
        add("maxclients", "10000", true, ValueKind.integer(1, INT_MAX));
        add("maxmemory", "0", true, ValueKind.integer(0, LONG_MAX));
        add("maxmemory-policy", "noeviction", true, ValueKind.oneOf("volatile-lru", "volatile-lfu",
                "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"));
        add("lfu-decay-time", "1", true, ValueKind.integer(0, INT_MAX));
        add("lfu-log-factor", "10", true, ValueKind.integer(0, INT_MAX));
        add("timeout", "0", true, ValueKind.integer(0, INT_MAX));
        add("tcp-keepalive", "300", true, ValueKind.integer(0, INT_MAX));
        add("tcp-backlog", "511", false, ValueKind.integer(0, INT_MAX));
        add("hz", "10", true, ValueKind.integer(0, INT_MAX));
        add("repl-backlog-size", "1048576", true, ValueKind.integer(1, LONG_MAX));
        add("repl-ping-replica-period", "10", true, ValueKind.integer(1, INT_MAX), "repl-ping-slave-period");
        add("repl-timeout", "60", true, ValueKind.integer(1, INT_MAX));
        add("replica-priority", "100", true, ValueKind.integer(0, INT_MAX), "slave-priority");
        add("repl-diskless-sync", "yes", true, ValueKind.BOOL);
        add("repl-diskless-load", "disabled", true, ValueKind.oneOf("disabled", "on-empty-db", "swapdb"));
        add("replica-read-only", "yes", true, ValueKind.BOOL, "slave-read-only");
        add("dbfilename", "dump.rdb", true, ValueKind.STRING);
        add("appendfilename", "appendonly.aof", false, ValueKind.STRING);
        add("appenddirname", "appendonlydir", false, ValueKind.STRING);
        add("aof-load-truncated", "yes", true, ValueKind.BOOL);
        add(ENABLE_DEBUG_COMMAND, "no", false, ValueKind.oneOf("no", "yes", "local"));
        add("proto-max-bulk-len", "536870912", true, ValueKind.integer(1024 * 1024, LONG_MAX));
        // misc21: HyperLogLog, slow log and latency monitor settings.
        add("hll-sparse-max-bytes", "3000", true, ValueKind.integer(0, LONG_MAX));
        add("slowlog-log-slower-than", "10000", true, ValueKind.integer(-1, LONG_MAX));
        add("slowlog-max-len", "128", true, ValueKind.integer(0, LONG_MAX));
        add("latency-monitor-threshold", "0", true, ValueKind.integer(0, LONG_MAX));
        add("enable-module-command", "no", false, ValueKind.oneOf("no", "yes", "local"));
        // Scripting: how long a script runs before other clients get -BUSY and SCRIPT KILL may stop it.
        add("busy-reply-threshold", "5000", true, ValueKind.integer(0, LONG_MAX), "lua-time-limit");
    }

    public static ConfigParameters standard() {
        return STANDARD;
    }

    private void add(String name, String defaultValue, boolean mutable, ValueKind kind, String... aliases) {
        ConfigParameter p = new ConfigParameter(name, List.of(aliases), defaultValue, mutable, kind);
        byName.put(name, p);
        byAnyName.put(name, p);
        for (String alias : aliases) {
            byAnyName.put(alias, p);
        }
    }

    /** By canonical name or alias, case-insensitively; null when unknown. */
    public ConfigParameter lookup(String name) {
        return byAnyName.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<ConfigParameter> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
