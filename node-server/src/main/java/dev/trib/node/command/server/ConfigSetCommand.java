package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.config.ConfigParameter;
import dev.trib.node.config.ConfigValueException;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CONFIG SET name value [name value ...]: every pair is validated before any is applied, so a bad
 * pair leaves the configuration untouched (Redis 7.0's all-or-nothing CONFIG SET).
 */
public record ConfigSetCommand(ServerContext server, Consumer<String> onChange) implements Command {
    /** @param onChange told the canonical name of every parameter that changed (cluster announce address) */

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() % 2 != 0) {
            return Errors.wrongArity("config|set");
        }
        Map<ConfigParameter, String> changes = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 2; i < request.argc(); i += 2) {
            String name = new String(request.arg(i), StandardCharsets.ISO_8859_1);
            ConfigParameter p = server.config().parameters().lookup(name);
            if (p == null) {
                return new ErrorReply("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
            }
            if (!p.mutable()) {
                return failed(name, "can't set immutable config");
            }
            if (!seen.add(p.name())) {
                return failed(name, "duplicate parameter");
            }
            String value = new String(request.arg(i + 1), StandardCharsets.ISO_8859_1);
            List<String> args = new ArrayList<>();
            args.add(value);
            try {
                String normalised = p.kind().normalise(args);
                if (p.name().equals("dir")) {
                    Path dir = Path.of(normalised);
                    if (!Files.isDirectory(dir)) {
                        return failed(name, "No such file or directory");
                    }
                    normalised = dir.toAbsolutePath().normalize().toString();
                }
                if (p.name().equals("port") && !normalised.equals(Integer.toString(server.port()))) {
                    return failed(name, "Unable to listen on this port");
                }
                changes.put(p, normalised);
            } catch (ConfigValueException e) {
                return failed(name, e.getMessage());
            }
        }
        changes.forEach((p, v) -> {
            server.config().set(p, v);
            if (p.name().equals(dev.trib.node.config.ConfigParameters.REQUIREPASS)) {
                server.acl().requirepass(v); // the default user's password, as in Redis 7.0
            }
            onChange.accept(p.name());
        });
        return Replies.OK;
    }

    private static ErrorReply failed(String name, String reason) {
        return new ErrorReply("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }
}
