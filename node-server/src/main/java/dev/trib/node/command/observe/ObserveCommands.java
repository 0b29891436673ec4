package dev.trib.node.command.observe;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.ClientRegistry;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandTable;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.VerbatimReply;
import java.nio.charset.StandardCharsets;

/** Server observability: SLOWLOG, LATENCY, MONITOR and MEMORY STATS/DOCTOR/MALLOC-STATS, fed by the dispatcher. */
public final class ObserveCommands {
    private ObserveCommands() {
    }

    public static void register(CommandTable table, CommandDispatcher dispatcher, LiveConfig config,
                                Keyspace keyspace, ClientRegistry clients) {
        SlowLog slowLog = new SlowLog(config.longReader("slowlog-log-slower-than"),
                config.longReader("slowlog-max-len"));
        LatencyMonitor latency = new LatencyMonitor(config.longReader("latency-monitor-threshold"));
        Monitors monitors = new Monitors();
        clients.onClose(monitors::drop);
        dispatcher.observe(latency);
        dispatcher.observe(slowLog);
        dispatcher.observe(monitors);
        table.addKeyless("slowlog", -2, null)
                .addSubcommand("slowlog", "get", -2, new SlowLogCommand(slowLog, "get"), ADMIN, LOADING, STALE)
                .addSubcommand("slowlog", "len", 2, new SlowLogCommand(slowLog, "len"), ADMIN, LOADING, STALE)
                .addSubcommand("slowlog", "reset", 2, new SlowLogCommand(slowLog, "reset"), ADMIN, LOADING, STALE)
                .addKeyless("latency", -2, null);
        for (String sub : new String[] {"latest", "history", "reset", "graph", "doctor", "histogram"}) {
            int arity = switch (sub) {
                case "history", "graph" -> 3;
                case "latest", "doctor" -> 2;
                default -> -2;
            };
            table.addSubcommand("latency", sub, arity, new LatencyCommand(latency, table, sub), ADMIN, NOSCRIPT,
                    LOADING, STALE);
        }
        table.addKeyless("monitor", 1, new MonitorCommand(monitors), ADMIN, NOSCRIPT, LOADING, STALE);
        MemoryReport memory = new MemoryReport(keyspace);
        table.addSubcommand("memory", "stats", 2, request -> memory.stats())
                .addSubcommand("memory", "doctor", 2,
                        request -> new VerbatimReply(memory.doctor().getBytes(StandardCharsets.UTF_8)))
                .addSubcommand("memory", "malloc-stats", 2, request -> new VerbatimReply(MemoryReport.mallocStats()));
    }
}
