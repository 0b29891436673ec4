package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.VerbatimReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** INFO [section ...]: "default", "all" and "everything" or any of the section names. */
public final class InfoCommand implements Command {
    private final InfoReport report;

    public InfoCommand(ServerContext server) {
        this.report = new InfoReport(server);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        Set<String> sections = new LinkedHashSet<>();
        for (int i = 1; i < request.argc(); i++) {
            sections.add(new String(request.arg(i), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT));
        }
        return VerbatimReply.of(report.render(sections));
    }
}
