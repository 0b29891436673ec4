package dev.trib.node.command.connection;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.VerbatimReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import dev.trib.node.text.IntegerText;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id ...] and CLIENT INFO: one line per client
 * in Redis 7.0's field order. Buffer sizes are reported as Redis's idle defaults.
 */
public record ClientListCommand(ServerContext server, boolean onlyCaller) implements Command {
    public static ClientListCommand list(ServerContext server) {
        return new ClientListCommand(server, false);
    }

    public static ClientListCommand info(ServerContext server) {
        return new ClientListCommand(server, true);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long now = server.clock().nowMillis();
        if (onlyCaller) {
            return VerbatimReply.of(line(request.session(), now));
        }
        Set<Long> ids = null;
        boolean normalOnly = true;
        int i = 2;
        while (i < request.argc()) {
            if (request.argIs(i, "type") && i + 1 < request.argc()) {
                if (!request.argIs(i + 1, "normal") && !request.argIs(i + 1, "master")
                        && !request.argIs(i + 1, "replica") && !request.argIs(i + 1, "slave")
                        && !request.argIs(i + 1, "pubsub")) {
                    return new dev.trib.node.resp.ErrorReply("ERR Unknown client type '"
                            + new String(request.arg(i + 1), java.nio.charset.StandardCharsets.ISO_8859_1) + "'");
                }
                normalOnly = request.argIs(i + 1, "normal");
                i += 2;
            } else if (request.argIs(i, "id") && i + 1 < request.argc()) {
                ids = new HashSet<>();
                for (i++; i < request.argc(); i++) {
                    Long id = IntegerText.parse(request.arg(i));
                    if (id == null || id <= 0) {
                        return new dev.trib.node.resp.ErrorReply("ERR Invalid client ID");
                    }
                    ids.add(id);
                }
            } else {
                return Errors.SYNTAX;
            }
        }
        StringBuilder sb = new StringBuilder();
        List<ClientSession> all = server.clients().all();
        for (ClientSession s : all) {
            if ((ids != null && !ids.contains(s.id())) || !normalOnly) {
                continue;
            }
            sb.append(line(s, now));
        }
        return VerbatimReply.of(sb.toString());
    }

    private static String line(ClientSession s, long now) {
        String flags = (s.blocked() ? "b" : "") + (s.readOnly() ? "r" : "");
        flags = flags.isEmpty() ? "N" : flags;
        return "id=" + s.id() + " addr=" + s.address() + " laddr=" + s.localAddress() + " fd=" + (s.id() + 7)
                + " name=" + s.name() + " age=" + (now - s.createdAtMillis()) / 1000
                + " idle=" + (now - s.lastInteractionMillis()) / 1000 + " flags=" + flags + " db=" + s.db()
                + " sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=16384 rbp=16384"
                + " obl=0 oll=0 omem=0 tot-mem=20000 events=r cmd=" + s.lastCommand() + " user=" + s.user()
                + " redir=-1"
                + " resp=" + s.protocol() + (s.libName().isEmpty() && s.libVersion().isEmpty() ? ""
                        : " lib-name=" + s.libName() + " lib-ver=" + s.libVersion())
                + "\n";
    }
}
