package dev.trib.node.command.connection;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.ClientRegistry;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandTable;
import dev.trib.node.server.ServerContext;

/** CLIENT PAUSE / UNPAUSE / REPLY / TRACKING / CACHING / GETREDIR / TRACKINGINFO. */
public final class ClientControlCommands {
    private ClientControlCommands() {
    }

    public static void register(CommandTable table, ServerContext server, CommandDispatcher dispatcher,
                                ClientRegistry clients) {
        Tracking tracking = new Tracking(clients);
        dispatcher.observe(tracking);
        server.keyspace().onExpired(tracking::expired);
        table.addSubcommand("client", "pause", -3, new ClientPauseCommand(server, true), ADMIN, NOSCRIPT, LOADING,
                        STALE)
                .addSubcommand("client", "unpause", 2, new ClientPauseCommand(server, false), ADMIN, NOSCRIPT, LOADING,
                        STALE)
                .addSubcommand("client", "reply", 3, new ClientReplyCommand(), NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "tracking", -3, new ClientTrackingCommand(tracking, "tracking"), NOSCRIPT,
                        LOADING, STALE)
                .addSubcommand("client", "caching", 3, new ClientTrackingCommand(tracking, "caching"), NOSCRIPT,
                        LOADING, STALE)
                .addSubcommand("client", "getredir", 2, new ClientTrackingCommand(tracking, "getredir"), NOSCRIPT,
                        LOADING, STALE)
                .addSubcommand("client", "trackinginfo", 2, new ClientTrackingCommand(tracking, "trackinginfo"),
                        NOSCRIPT, LOADING, STALE);
    }
}
