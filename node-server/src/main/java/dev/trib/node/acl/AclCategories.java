package dev.trib.node.acl;

import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.CommandTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ACL categories Redis 7.0 gives each command, derived in this one place from the command's flags and its family
 * (the package its implementation lives in, or the data type a shared implementation serves), plus the few commands
 * Redis marks dangerous by name.
 */
public final class AclCategories {
    /** Every category, in the order ACL CAT lists them. */
    public static final List<String> ALL = List.of("keyspace", "read", "write", "set", "sortedset", "list", "hash",
            "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking",
            "dangerous", "connection", "transaction", "scripting");

    /** Command package -> the data-type or keyspace category its commands belong to. */
    private static final Map<String, String> FAMILY = Map.ofEntries(Map.entry("keys", "keyspace"),
            Map.entry("migrate", "keyspace"), Map.entry("string", "string"), Map.entry("hash", "hash"),
            Map.entry("list", "list"), Map.entry("set", "set"), Map.entry("zset", "sortedset"),
            Map.entry("connection", "connection"), Map.entry("tx", "transaction"), Map.entry("bitmap", "bitmap"),
            Map.entry("hll", "hyperloglog"), Map.entry("geo", "geo"), Map.entry("stream", "stream"),
            Map.entry("scripting", "scripting"));
    /** Not admin, yet dangerous in Redis 7.0: they read or replace the whole keyspace, or reveal the server. */
    private static final Set<String> DANGEROUS = Set.of("info", "keys", "flushall", "flushdb", "migrate", "restore",
            "restore-asking", "sort", "sort_ro", "swapdb");

    /**
     * Redis 7.0 commands this node does not have. Rules may still name them, so that rule sets written for
     * redis-server (docs/security.md's, with +multi +exec +sync) load here; such rules match nothing.
     */
    public static final Set<String> NOT_HERE = Set.of("failover", "publish",
            "spublish", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe",
            "pubsub", "blpop", "brpop", "bzpopmin", "bzpopmax");

    /** Admin and dangerous in Redis 7.0 without the admin flag. */
    private static final Set<String> ADMIN_WITHOUT_FLAG = Set.of("role", "lastsave");

    private AclCategories() {
    }

    /** The categories of a command or subcommand (a container alone is just slow, as in Redis). */
    public static Set<String> of(CommandSpec spec) {
        Set<String> out = new LinkedHashSet<>();
        if (spec.command() == null) {
            out.add("slow");
            return out;
        }
        String family = FAMILY.get(family(spec));
        if (family != null) {
            out.add(family);
        }
        if (spec.name().equals("object|help") || spec.name().equals("client|help")) {
            out.add(spec.name().startsWith("object") ? "keyspace" : "connection"); // as their containers' others
        }
        if (family(spec).equals("sort")) {
            out.addAll(List.of("set", "sortedset", "list")); // SORT serves all three types
        }
        if (spec.name().equals("command") || spec.name().startsWith("command|") || spec.name().equals("wait")) {
            out.add("connection"); // COMMAND is a connection command in Redis, though it lives with the server ones
        }
        if (spec.has(CommandFlag.WRITE)) {
            out.add("write");
        }
        if (spec.has(CommandFlag.READONLY) && !"scripting".equals(family)) { // EVAL_RO is not @read in Redis
            out.add("read");
        }
        if (spec.has(CommandFlag.ADMIN) || ADMIN_WITHOUT_FLAG.contains(spec.name())) {
            out.add("admin");
            out.add("dangerous");
        }
        if (DANGEROUS.contains(spec.name())) {
            out.add("dangerous");
        }
        if (spec.has(CommandFlag.PUBSUB)) {
            out.add("pubsub");
        }
        if (spec.has(CommandFlag.BLOCKING)) {
            out.add("blocking");
        }
        out.add(spec.has(CommandFlag.FAST) ? "fast" : "slow");
        return out;
    }

    private static String family(CommandSpec spec) {
        if (spec.command().valueType() != null) {
            return spec.command().valueType().typeName(); // the package names of the type families are the types'
        }
        String pkg = spec.command().getClass().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    /** Every command and subcommand of the table in the category, by full name (ACL CAT category). */
    public static List<String> commandsIn(CommandTable table, String category) {
        List<String> out = new ArrayList<>();
        for (CommandSpec spec : table.all()) {
            if (of(spec).contains(category)) {
                out.add(spec.name());
            }
            for (CommandSpec sub : spec.subcommandsView().values()) {
                if (of(sub).contains(category)) {
                    out.add(sub.name());
                }
            }
        }
        return out;
    }
}
