package dev.trib.node.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts a node from redis-server style arguments. For now only {@code --port <n>} and
 * {@code --bind <addr> [addr ...]} are understood; anything else is refused.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        NodeConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("*** FATAL CONFIG ERROR ***");
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        NodeServer server = NodeServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "node-shutdown"));
        Thread.currentThread().join();
    }

    /** Parses {@code --directive value...} pairs the way redis-server reads them from its command line. */
    static NodeConfig parse(String[] args) {
        NodeConfig config = NodeConfig.defaults();
        int i = 0;
        while (i < args.length) {
            String directive = args[i];
            if (!directive.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + directive + "' (expected --directive)");
            }
            List<String> values = new ArrayList<>();
            i++;
            while (i < args.length && !args[i].startsWith("--")) {
                values.add(args[i]);
                i++;
            }
            switch (directive.substring(2).toLowerCase(java.util.Locale.ROOT)) {
                case "port" -> {
                    if (values.size() != 1) {
                        throw new IllegalArgumentException("'port' takes exactly one value");
                    }
                    int port;
                    try {
                        port = Integer.parseInt(values.get(0));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("Invalid port '" + values.get(0) + "'");
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("Invalid port '" + values.get(0) + "'");
                    }
                    config = config.withPort(port);
                }
                case "bind" -> {
                    if (values.isEmpty()) {
                        throw new IllegalArgumentException("'bind' needs at least one address");
                    }
                    config = config.withBind(values);
                }
                default -> throw new IllegalArgumentException("Bad directive or wrong number of arguments: "
                        + directive.substring(2));
            }
        }
        return config;
    }
}
