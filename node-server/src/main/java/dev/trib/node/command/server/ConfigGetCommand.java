package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.config.ConfigParameter;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import dev.trib.node.text.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CONFIG GET pattern [pattern ...]: name/value pairs; aliases match under their own name. */
public record ConfigGetCommand(ServerContext server) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 2; i < request.argc(); i++) {
            byte[] pattern = new String(request.arg(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.ISO_8859_1);
            for (ConfigParameter p : server.config().parameters().all()) {
                List<String> names = new ArrayList<>();
                names.add(p.name());
                names.addAll(p.aliases());
                for (String name : names) {
                    if (!found.containsKey(name) && Glob.matches(pattern, name.getBytes(StandardCharsets.US_ASCII))) {
                        found.put(name, value(p));
                    }
                }
            }
        }
        List<RespReply> out = new ArrayList<>();
        found.forEach((name, value) -> {
            out.add(BulkReply.of(name));
            out.add(new BulkReply(value.getBytes(StandardCharsets.ISO_8859_1)));
        });
        return Replies.map(out);
    }

    private String value(ConfigParameter p) {
        return switch (p.name()) {
            case "port" -> Integer.toString(server.port());
            default -> server.config().get(p.name());
        };
    }
}
