package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.config.ServerIdentity;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.MapReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.Logins;
import dev.trib.node.server.ServerContext;
import dev.trib.node.text.IntegerText;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HELLO [protover [AUTH user pass] [SETNAME name]]: RESP2 or RESP3 from this reply on (the reply is a map, which
 * RESP2 writes as a flat array); other versions get NOPROTO, as redis-server 7.0.
 */
public record HelloCommand(ServerContext server) implements Command {
    private static final ErrorReply NOT_INTEGER =
            new ErrorReply("ERR Protocol version is not an integer or out of range");
    private static final ErrorReply NOPROTO = new ErrorReply("NOPROTO unsupported protocol version");
    private static final ErrorReply NOAUTH_HELLO = new ErrorReply("NOAUTH HELLO must be called with the client "
            + "already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to "
            + "authenticate the client and select the RESP protocol version at the same time");

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() >= 2) {
            Long version = IntegerText.parse(request.arg(1));
            if (version == null) {
                return NOT_INTEGER;
            }
            if (version != 2 && version != 3) {
                return NOPROTO;
            }
        }
        byte[] user = null;
        byte[] password = null;
        byte[] name = null;
        for (int i = 2; i < request.argc(); i++) {
            int more = request.argc() - i - 1;
            if (request.argIs(i, "auth") && more >= 2) {
                user = request.arg(i + 1);
                password = request.arg(i + 2);
                i += 2;
            } else if (request.argIs(i, "setname") && more >= 1) {
                name = request.arg(i + 1);
                i++;
            } else {
                return new ErrorReply("ERR Syntax error in HELLO option '"
                        + new String(request.arg(i), StandardCharsets.ISO_8859_1) + "'");
            }
        }
        if (user != null) {
            if (!Logins.login(server, request.session(), user, password)) {
                return Errors.WRONGPASS;
            }
        }
        if (!request.session().authenticated() && server.requiresPassword()) {
            return NOAUTH_HELLO;
        }
        if (name != null) {
            ErrorReply bad = ClientNames.set(request.session(), name);
            if (bad != null) {
                return bad;
            }
        }
        if (request.argc() >= 2) {
            request.session().protocol((int) (long) IntegerText.parse(request.arg(1)));
        }
        boolean replica = server.cluster() != null && server.cluster().isReplica();
        return new MapReply(List.of(
                BulkReply.of("server"), BulkReply.of("redis"),
                BulkReply.of("version"), BulkReply.of(ServerIdentity.REDIS_VERSION),
                BulkReply.of("proto"), Replies.integer(request.session().protocol()),
                BulkReply.of("id"), Replies.integer(request.session().id()),
                BulkReply.of("mode"), BulkReply.of(server.clusterEnabled() ? "cluster" : "standalone"),
                BulkReply.of("role"), BulkReply.of(replica ? "replica" : "master"),
                BulkReply.of("modules"), Replies.EMPTY_ARRAY));
    }
}
