package dev.trib.cli;

import dev.trib.cli.prompt.ConsolePrompter;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The trib executable. */
public final class Main {
    private Main() {
    }

    /**
     * The networking stack's first use loads native libraries and initialises a few dozen classes: about 10-20 ms
     * that a daemon thread spends on the other core while picocli builds its model. It opens a socket without
     * connecting it and resolves the loopback literal: nothing leaves the process.
     */
    private static void warmUpNetworking() {
        Thread t = new Thread(() -> {
            try (java.net.Socket unconnected = new java.net.Socket()) {
                unconnected.setTcpNoDelay(true);
                java.net.InetAddress.getByName("127.0.0.1");
            } catch (java.io.IOException ignored) {
                // the first real connection pays for it instead
            }
        }, "trib-warm-up");
        t.setDaemon(true);
        t.start();
    }

    public static void main(String[] args) {
        long mainStarted = System.nanoTime();
        if (System.getenv("TRIB_CDS_TRAINING") != null) {
            ClassArchiveTraining.loadEveryClass();
            return;
        }
        warmUpNetworking();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        ConsolePrompter prompter = new ConsolePrompter(System.err);
        TribContext context = new TribContext(Environment.system(), prompter, System.console() != null);
        int code;
        try {
            code = CommandLineFactory.forArgs(context, out, err, args).execute(args);
        } finally {
            prompter.close();
        }
        out.flush();
        if (System.getenv("TRIB_TIMING") != null) {
            // For bench/: JVM start-up versus trib's own work, measured apart.
            long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            err.println("trib: total " + (System.currentTimeMillis() - jvmStart) + " ms, after start-up "
                    + (System.nanoTime() - mainStarted) / 1_000_000 + " ms");
        }
        err.flush();
        dev.trib.cli.command.Interruption.released();
        System.exit(code);
    }
}
