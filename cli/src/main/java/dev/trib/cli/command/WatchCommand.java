package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.Trib;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.EntryNode;
import dev.trib.cli.output.Json;
import dev.trib.cli.output.WatchView;
import dev.trib.commands.watch.ClusterSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = WatchCommand.NAME,
        description = "A live view of the cluster, refreshed every second: masters, replicas, "
        + "slots, keys, ops/s, memory, open slots, failures. q quits.",
        defaultValueProvider = WatchCommand.Defaults.class,
        footer = {"%nHere --command-timeout defaults to 5000 ms: a hung node must not stall the view for a minute.", "", Trib.EXIT_CODES})
public final class WatchCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "watch";

    /**
     * The reply timeout unless --command-timeout is given: the shared default (60 s) suits a resharding step, but a
     * view that waits a minute for one hung node is no longer live.
     */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    static final long MIN_INTERVAL_MS = 100;

    /** watch's own defaults for shared options, so that its help shows the value it uses. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec argSpec) {
            return argSpec.isOption() && ((OptionSpec) argSpec).longestName().equals("--command-timeout")
                    ? Long.toString(DEFAULT_COMMAND_TIMEOUT.toMillis()) : null;
        }
    }

    @Mixin
    NodeAccess node;

    @Mixin
    EntryNode entry;

    @Option(names = "--once", description = "Print one snapshot as plain text (or JSON with --json) and exit.")
    boolean once;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000",
            description = "Time between refreshes (default: ${DEFAULT-VALUE}, at least 100).")
    long intervalMs;

    @Override
    public Integer call() {
        if (intervalMs < MIN_INTERVAL_MS) {
            throw node.usage("--interval must be at least " + MIN_INTERVAL_MS + " ms");
        }
        if (!once && node.output.json) {
            throw node.usage("--json prints one snapshot: add --once");
        }
        if (!once && !node.context().stdoutIsTerminal()) {
            // A screen redrawn in place is noise in a pipe or a log; scripts want one snapshot.
            throw new TribException(ExitCodes.USAGE, "trib watch needs a terminal; use --once for one snapshot");
        }
        try (Session session = node.open()) {
            ClusterSampler sampler = new ClusterSampler(session.connector());
            // Taken before the screen: an unreachable entry node fails here with exit 3, like other commands.
            ClusterSampler.Sample first = sampler.sample(entry.address);
            if (once) {
                if (session.json()) {
                    Json.print(session.out(), Json.withExitCode(ExitCodes.OK, Json.watch(first)));
                } else {
                    new WatchView(false).render(first, entry.address.toString(), WatchFeed.now())
                            .forEach(session.printer()::line);
                }
                return ExitCodes.OK;
            }
            Duration interval = Duration.ofMillis(intervalMs);
            try (WatchFeed feed = new WatchFeed(sampler, entry.address, WatchFeed.Result.of(first), interval)) {
                new WatchScreen(feed, new WatchView(node.output.color(node.context())), entry.address.toString(), interval)
                        .run();
            }
            return ExitCodes.OK;
        }
    }
}
