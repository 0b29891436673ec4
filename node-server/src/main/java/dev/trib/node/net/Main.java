package dev.trib.node.net;

import dev.trib.node.config.ConfigFileException;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.config.ServerIdentity;
import dev.trib.node.config.StartupConfig;
import dev.trib.node.log.ServerLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a node from redis-server style arguments: {@code [config-file] [--directive value ...]}.
 * A bad configuration prints redis-server's fatal config banner and exits with status 1.
 */
public final class Main {
    private Main() {
    }

    /**
     * The release and commit this jar was built from ({@code 0.1.0 commit=1a2b3c4d5e6f}), from build.properties,
     * which the build writes from the pom; "dev" for classes no build wrote it for.
     */
    static String release() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Main.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // reported as "dev" below
        }
        return p.getProperty("version", "dev") + " commit=" + p.getProperty("commit", "unknown");
    }

    public static void main(String[] args) throws InterruptedException {
        // Netty's leak detector records a stack trace for one buffer in 128: a few percent of a busy node's CPU.
        // Tests, which start NodeServer without this entry point, keep it.
        // A property, read when Netty first needs it: loading Netty here would make --version print its logging.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        // Netty's pooled buffers come in chunks, each zeroed (so resident) when first used: 1 MB chunks instead of 4
        // keep 3 MB off an idle node and one with 100,000 keys (measured), and replies are coalesced in 64 KB anyway.
        if (System.getProperty("io.netty.allocator.maxOrder") == null) {
            System.setProperty("io.netty.allocator.maxOrder", "7");
        }
        if (System.getenv("TRIB_NODE_CDS_TRAINING") != null) {
            ArchiveTraining.run();
            return;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-v"))) {
            // redis-server's line shape (scripts read its v= field), naming what this is.
            System.out.println("trib-node v=" + ServerIdentity.REDIS_VERSION + " bits=64 java="
                    + Runtime.version().feature() + " trib=" + release() + " (a Redis " + ServerIdentity.REDIS_VERSION
                    + " cluster node in Java)");
            return;
        }
        NodeConfig config;
        try {
            config = parse(args);
        } catch (ConfigFileException e) {
            System.err.println(e.banner());
            System.exit(1);
            return;
        }
        if ("yes".equals(config.settings().get(ConfigParameters.DAEMONIZE))) {
            System.exit(Daemon.relaunch(args));
            return;
        }
        ServerLog log;
        try {
            log = openLog(config);
            writePidFile(config);
        } catch (IOException e) {
            System.err.println("Can't open the log or pid file: " + e.getMessage());
            System.exit(1);
            return;
        }
        NodeServer server;
        try {
            server = NodeServer.start(config, log);
        } catch (Exception e) {
            // Netty rethrows bind failures unchecked-but-declared; any start-up failure ends the process.
            // Configuration problems (TLS files, user rules) say what is wrong in their message alone.
            log.warning("Fatal: " + (e instanceof IllegalStateException && e.getMessage() != null
                    ? e.getMessage() : e.toString()));
            System.exit(1);
            return;
        }
        server.onShutdown(() -> {
            log.warning("User requested shutdown...");
            log.warning("Redis is now ready to exit, bye bye...");
            System.exit(0); // the hook below stops the server and writes nodes.conf
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            deletePidFile(config);
        }, "node-shutdown"));
        Thread.currentThread().join();
    }

    /** Parses the command line into a node configuration. */
    static NodeConfig parse(String[] args) {
        StartupConfig startup = StartupConfig.parse(args, ConfigParameters.standard());
        Map<String, String> values = startup.values();
        NodeConfig config = NodeConfig.launcher().withConfigFile(startup.configFile()).withUsers(startup.users());
        for (Map.Entry<String, String> e : values.entrySet()) {
            switch (e.getKey()) {
                case ConfigParameters.PORT -> config = config.withPort(Integer.parseInt(e.getValue()));
                // Kept in the settings too: protected mode and CONFIG GET need to know a bind was given.
                case ConfigParameters.BIND -> config = config.withBind(bindAddresses(e.getValue()))
                        .with(e.getKey(), e.getValue());
                case "proto-max-bulk-len" -> config = config.withLimits(
                        config.limits().withMaxBulkLength(Long.parseLong(e.getValue())))
                        .with(e.getKey(), e.getValue());
                default -> config = config.with(e.getKey(), e.getValue());
            }
        }
        return config;
    }

    /** "*" is every IPv4 interface; "-addr" is optional in Redis and skipped here when it is an IPv6 wildcard. */
    static List<String> bindAddresses(String words) {
        List<String> out = new ArrayList<>();
        for (String w : words.split(" ")) {
            if (w.equals("*")) {
                out.add("0.0.0.0");
            } else if (w.startsWith("-")) {
                if (!w.startsWith("-::")) {
                    out.add(w.substring(1));
                }
            } else if (!w.isEmpty()) {
                out.add(w);
            }
        }
        if (out.isEmpty()) {
            out.add("0.0.0.0");
        }
        return out;
    }

    private static ServerLog openLog(NodeConfig config) throws IOException {
        String logfile = config.setting(ConfigParameters.LOGFILE);
        if (logfile.isEmpty()) {
            return new ServerLog(System.out);
        }
        return new ServerLog(new PrintStream(new FileOutputStream(logfile, true), true, StandardCharsets.UTF_8));
    }

    private static void writePidFile(NodeConfig config) throws IOException {
        String pidfile = config.setting(ConfigParameters.PIDFILE);
        if (!pidfile.isEmpty()) {
            Files.writeString(Path.of(pidfile), ProcessHandle.current().pid() + "\n");
        }
    }

    private static void deletePidFile(NodeConfig config) {
        String pidfile = config.setting(ConfigParameters.PIDFILE);
        if (!pidfile.isEmpty()) {
            try {
                Files.deleteIfExists(Path.of(pidfile));
            } catch (IOException ignored) {
                // best effort at shutdown
            }
        }
    }
}
