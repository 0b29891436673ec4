package dev.trib.node.server;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.Errors;
import dev.trib.node.command.RequestGuard;
import dev.trib.node.resp.RespReply;
import java.util.List;

/**
 * NOAUTH for clients that have not authenticated while requirepass is set. A client that
 * connected while no password was configured stays authenticated, as in Redis.
 */
public final class AuthGuard implements RequestGuard {
    private final ServerContext server;

    public AuthGuard(ServerContext server) {
        this.server = server;
    }

    @Override
    public RespReply check(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        if (!session.authenticated() && server.requiresPassword() && !spec.has(CommandFlag.NO_AUTH)) {
            return Errors.NOAUTH;
        }
        return null;
    }
}
