package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.Trib;
import dev.trib.cli.mixin.EntryNode;
import dev.trib.cli.output.Json;
import dev.trib.commands.consistency.ConsistencyTest;
import dev.trib.commands.consistency.LettuceCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = ConsistencyTestCommand.NAME,
        description = "INCR counters through a cluster client and read them back: report lost and unexpected writes.",
        footer = {"", "Run it while resharding or failing over. A status line every second: reads and writes (with "
                + "errors), increments lost (a counter read back below its last acknowledged INCR) and unexpected "
                + "(above it). Exit 1 when any write was lost or any value was unexpected.", "", Trib.EXIT_CODES})
public final class ConsistencyTestCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "consistency-test";

    @Mixin
    NodeAccess node;

    @Mixin
    EntryNode entry;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "1000",
            description = "How many counters (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "How long to run; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "Most INCRs per second; 0 for as fast as the cluster answers (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "trib-consistency:",
            description = "Counter key prefix; counters are PREFIX0 .. PREFIX<N-1> (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Override
    public Integer call() {
        if (keys < 1 || durationSeconds < 0 || rate < 0) {
            throw node.usage("--keys must be at least 1; --duration and --rate "
                    + "cannot be negative");
        }
        // lettuce is created here, in the method body, so no other command loads its classes.
        try (Session session = node.open();
             LettuceCounters counters = new LettuceCounters(List.of(entry.address), session.settings())) {
            ConsistencyTest test = new ConsistencyTest(counters);
            session.progress().step("Consistency test on " + keys + " counters " + prefix + "0.." + prefix
                    + (keys - 1) + (durationSeconds > 0 ? " for " + durationSeconds + " s" : " until Ctrl-C"));
            CountDownLatch finished = new CountDownLatch(1);
            Thread onCtrlC = new Thread(() -> {
                test.stop();
                try {
                    finished.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }, "trib-ctrl-c");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            long started = System.nanoTime();
            ConsistencyTest.Stats stats;
            try {
                stats = test.run(new ConsistencyTest.Options(keys, prefix, Duration.ofSeconds(durationSeconds), rate,
                        System.nanoTime()), new ConsistencyTest.Listener() {
                            @Override
                            public void status(ConsistencyTest.Stats s) {
                                session.progress().line(s.line());
                            }

                            @Override
                            public void anomaly(String message) {
                                session.progress().error(message);
                            }
                        });
                int code = stats.consistent() ? ExitCodes.OK : ExitCodes.PROBLEMS;
                if (session.json()) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("exitCode", code);
                    doc.put("reads", stats.reads());
                    doc.put("readErrors", stats.readErrors());
                    doc.put("writes", stats.writes());
                    doc.put("writeErrors", stats.writeErrors());
                    doc.put("lost", stats.lost());
                    doc.put("unexpected", stats.unexpected());
                    doc.put("seconds", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
                    doc.put("consistent", stats.consistent());
                    Json.print(session.out(), doc);
                } else {
                    session.printer().line(stats.line());
                    if (stats.consistent()) {
                        session.printer().ok("No acknowledged write lost, no unexpected value.");
                    } else {
                        session.printer().error(stats.lost() + " acknowledged write(s) lost, " + stats.unexpected()
                                + " unexpected increment(s).");
                    }
                }
                return code;
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C arrived: the hook is running and has just been released.
                }
            }
        }
    }
}
