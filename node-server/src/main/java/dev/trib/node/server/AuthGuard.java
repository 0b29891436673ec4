package dev.trib.node.server;

import dev.trib.node.acl.AclUser;
import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.Errors;
import dev.trib.node.command.KeyPositions;
import dev.trib.node.command.RequestGuard;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import java.util.List;

/**
 * Authentication and ACL permissions, in processCommand's order: NOAUTH for clients that have not authenticated
 * while the default user needs a password (a client that connected while it did not stays authenticated, as in
 * Redis), then NOPERM for a command or key the client's user may not use. Commands flagged no_auth (AUTH, HELLO,
 * QUIT) are never refused.
 */
public final class AuthGuard implements RequestGuard {
    private static final ErrorReply NOPERM_KEYS =
            new ErrorReply("NOPERM this user has no permissions to access one of the keys used as arguments");
    private static final ErrorReply NOPERM_CHANNELS =
            new ErrorReply("NOPERM this user has no permissions to access one of the channels used as arguments");

    private static final String CHANGED = "NOPERM ACLs rules changed between the moment the transaction was "
            + "accumulated and the EXEC call. This command is no longer allowed for the following reason: ";
    private static final ErrorReply CHANGED_COMMAND =
            new ErrorReply(CHANGED + "no permission to execute the command or subcommand");
    private static final ErrorReply CHANGED_KEYS = new ErrorReply(CHANGED + "no permission to touch the specified keys");
    private static final ErrorReply CHANGED_CHANNELS =
            new ErrorReply(CHANGED + "no permission to access one of the channels used as arguments");

    private final ServerContext server;

    public AuthGuard(ServerContext server) {
        this.server = server;
    }

    /** As Redis's EXEC: a queued command its user may no longer run gets NOPERM in its place. */
    @Override
    public RespReply recheck(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        RespReply refusal = check(spec, argv, session);
        if (refusal == NOPERM_KEYS) {
            return CHANGED_KEYS;
        }
        if (refusal == NOPERM_CHANNELS) {
            return CHANGED_CHANNELS;
        }
        return refusal instanceof ErrorReply e && e.message().startsWith("NOPERM") ? CHANGED_COMMAND : refusal;
    }

    @Override
    public RespReply check(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        if (session.shouldCloseWithoutReply()) {
            return Errors.NOAUTH; // being dropped (its user was deleted): nothing runs, nothing is sent
        }
        if (spec.has(CommandFlag.NO_AUTH) || session.replicationMaster()) {
            return null; // the master's stream runs with every right, as Redis's master client has no user
        }
        if (!session.authenticated() && server.requiresPassword()) {
            return Errors.NOAUTH;
        }
        AclUser user = server.acl().user(session.user());
        if (user == null) {
            session.closeWithoutReply();
            return Errors.NOAUTH;
        }
        if (!user.canRun(spec, argv)) {
            return new ErrorReply("NOPERM this user has no permissions to run the '" + spec.name() + "' command");
        }
        // The usual user has all keys and all channels: nothing to work out on every command.
        if (!user.allKeys() && deniedKey(spec, argv, user) >= 0) {
            return NOPERM_KEYS;
        }
        if (!user.allChannels() && !channelsAllowed(spec.name(), argv, user)) {
            return NOPERM_CHANNELS;
        }
        return null;
    }

    /** The index of the first key argument the user may not access, or -1 (also for ACL DRYRUN). */
    public static int deniedKey(CommandSpec spec, List<byte[]> argv, AclUser user) {
        for (int p : KeyPositions.of(spec, argv)) {
            if (!user.canAccessKey(argv.get(p))) {
                return p;
            }
        }
        return -1;
    }

    /** PUBLISH/SPUBLISH's channel, (S)SUBSCRIBE's channels and PSUBSCRIBE's patterns (the UNSUBSCRIBEs are free). */
    private static boolean channelsAllowed(String command, List<byte[]> argv, AclUser user) {
        return deniedChannel(command, argv, user) < 0;
    }

    /** The index of the first channel argument the user may not use, or -1 (also for ACL DRYRUN). */
    public static int deniedChannel(String command, List<byte[]> argv, AclUser user) {
        int last = switch (command) {
            case "publish", "spublish" -> Math.min(1, argv.size() - 1);
            case "subscribe", "ssubscribe", "psubscribe" -> argv.size() - 1;
            default -> 0;
        };
        boolean patterns = command.equals("psubscribe");
        for (int i = 1; i <= last; i++) {
            if (!user.canAccessChannel(argv.get(i), patterns)) {
                return i;
            }
        }
        return -1;
    }
}
