package dev.trib.node.command.pubsub;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.RequestGuard;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;

import java.util.List;
import java.util.Set;

/**
 * A RESP2 client with a subscription may only (un)subscribe, PING, QUIT or RESET: anything else would interleave
 * its reply with pushed messages. Checked after authentication and cluster redirection, as Redis does.
 */
public final class SubscribedModeGuard implements RequestGuard {
    private static final Set<String> ALLOWED = Set.of("subscribe", "psubscribe", "ssubscribe", "unsubscribe",
            "punsubscribe", "sunsubscribe", "ping", "quit", "reset");

    @Override
    public RespReply check(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        // RESP3 tells pushed messages from replies by type: a subscriber may run any command there.
        if (!session.subscribed() || session.protocol() >= 3 || ALLOWED.contains(spec.name())) {
            return null;
        }
        return new ErrorReply("ERR Can't execute '" + spec.name() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / "
                + "PING / QUIT / RESET are allowed in this context");
    }
}
