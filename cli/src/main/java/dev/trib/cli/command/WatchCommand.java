package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.Trib;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.output.Json;
import dev.trib.cli.output.WatchView;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.watch.ClusterSampler;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "watch", description = "A live view of the cluster, refreshed every second: masters, replicas, "
        + "slots, keys, ops/s, memory, open slots, failures. q quits.")
public final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @ParentCommand
    Trib trib;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any node of the cluster.")
    HostAndPort entry;

    @Option(names = "--once", description = "Print one snapshot as plain text (or JSON with --json) and exit.")
    boolean once;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000",
            description = "Time between refreshes (default: ${DEFAULT-VALUE}, at least 100).")
    long intervalMs;

    @Override
    public Integer call() {
        if (intervalMs < 100) {
            throw new ParameterException(spec.commandLine(), "--interval must be at least 100 ms");
        }
        try (Session session = Session.open(spec, trib.context(), connection, output)) {
            ClusterSampler sampler = new ClusterSampler(session.connector());
            if (once) {
                ClusterSampler.Sample sample = sampler.sample(entry);
                if (session.json()) {
                    Json.print(session.out(), json(sample));
                } else {
                    new WatchView(false).render(sample, entry.toString(), now()).forEach(session.printer()::line);
                }
                return ExitCodes.OK;
            }
            live(sampler);
            return ExitCodes.OK;
        }
    }

    private static String now() {
        return LocalTime.now().format(TIME);
    }

    /** Redraws until q, Ctrl-C or end of input; the terminal is restored whatever happens. */
    private void live(ClusterSampler sampler) {
        WatchView view = new WatchView(true);
        ClusterSampler.Sample first = sampler.sample(entry); // an unreachable entry fails before the screen is taken
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Attributes saved = terminal.enterRawMode();
            boolean[] stop = {false};
            terminal.handle(Terminal.Signal.INT, s -> stop[0] = true);
            terminal.puts(InfoCmp.Capability.enter_ca_mode);
            terminal.puts(InfoCmp.Capability.cursor_invisible);
            Display display = new Display(terminal, true);
            try {
                ClusterSampler.Sample sample = first;
                while (!stop[0]) {
                    display.resize(terminal.getHeight(), terminal.getWidth());
                    List<AttributedString> lines = new ArrayList<>();
                    List<String> text = sample == null ? List.of("trib watch " + entry + ": cannot reach the entry "
                            + "node, retrying ... (q quits)") : view.render(sample, entry.toString(), now());
                    for (String l : text) {
                        lines.add(AttributedString.fromAnsi(l));
                    }
                    lines.add(new AttributedString("q quits"));
                    display.update(lines, -1);
                    terminal.flush();
                    int c = terminal.reader().read(intervalMs);
                    if (c == 'q' || c == 'Q' || c == 3 || c == -1) {
                        break;
                    }
                    try {
                        sample = sampler.sample(entry);
                    } catch (NodeAccessException e) {
                        sample = null; // keep watching: the node may come back
                    }
                }
            } finally {
                terminal.puts(InfoCmp.Capability.cursor_visible);
                terminal.puts(InfoCmp.Capability.exit_ca_mode);
                terminal.setAttributes(saved);
                terminal.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> json(ClusterSampler.Sample sample) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeReport n : sample.snapshot().nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("address", n.address().toString());
            m.put("role", n.self().isMaster() ? "master" : "replica");
            m.put("masterId", n.self().masterId().orElse(null));
            m.put("slots", n.self().slots().toString());
            m.put("reachable", n.reachable());
            m.put("keys", n.keys().isPresent() ? n.keys().getAsLong() : null);
            ClusterSampler.NodeStats stats = sample.of(n.id());
            m.put("opsPerSecond", stats.opsPerSecond().orElse(null));
            m.put("memory", stats.memory().orElse(null));
            m.put("failure", n.failure().orElse(null));
            nodes.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("clusterState", sample.snapshot().entryNode().clusterInfo().get("cluster_state"));
        doc.put("nodes", nodes);
        return doc;
    }
}
