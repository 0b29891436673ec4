package dev.trib.node.command.connection;

import dev.trib.node.command.Args;
import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT KILL ip:port, or the filter form: ID, ADDR, LADDR, TYPE normal|master|replica|slave, SKIPME.
 * TYPE master drops this replica's link to its master (it reconnects and continues from its offset).
 */
public record ClientKillCommand(ServerContext server) implements Command {
    private static final ErrorReply NO_SUCH_CLIENT = new ErrorReply("ERR No such client");

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() == 3) {
            String addr = text(request.arg(2));
            List<ClientSession> hit = matching(s -> s.address().equals(addr), request.session(), false);
            if (hit.isEmpty()) {
                return NO_SUCH_CLIENT;
            }
            hit.forEach(this::kill);
            return Replies.OK;
        }
        if (request.argc() % 2 != 0) {
            return Errors.SYNTAX;
        }
        java.util.function.Predicate<ClientSession> filter = s -> true;
        boolean skipMe = true;
        boolean master = false;
        for (int i = 2; i < request.argc(); i += 2) {
            String value = text(request.arg(i + 1));
            if (request.argIs(i, "id")) {
                long id = Args.toLong(request.arg(i + 1));
                filter = filter.and(s -> s.id() == id);
            } else if (request.argIs(i, "addr")) {
                filter = filter.and(s -> s.address().equals(value));
            } else if (request.argIs(i, "laddr")) {
                filter = filter.and(s -> s.localAddress().equals(value));
            } else if (request.argIs(i, "skipme")) {
                skipMe = !value.equalsIgnoreCase("no");
            } else if (request.argIs(i, "type")) {
                switch (value.toLowerCase(java.util.Locale.ROOT)) {
                    case "normal" -> filter = filter.and(s -> !s.replicaOf());
                    case "replica", "slave" -> filter = filter.and(ClientSession::replicaOf);
                    case "master" -> master = true;
                    case "pubsub" -> filter = filter.and(s -> false);
                    default -> {
                        return new ErrorReply("ERR Unknown client type '" + value + "'");
                    }
                }
            } else {
                return Errors.SYNTAX;
            }
        }
        int killed = 0;
        if (master) {
            if (server.replication().link() != null && server.replication().link().dropConnection()) {
                killed++;
            }
        } else {
            for (ClientSession s : matching(filter, request.session(), skipMe)) {
                kill(s);
                killed++;
            }
        }
        return Replies.integer(killed);
    }

    private List<ClientSession> matching(java.util.function.Predicate<ClientSession> filter, ClientSession me,
                                         boolean skipMe) {
        List<ClientSession> out = new ArrayList<>();
        for (ClientSession s : server.clients().all()) {
            if ((!skipMe || s != me) && filter.test(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private void kill(ClientSession s) {
        if (s.channel() != null) {
            s.channel().close();
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
