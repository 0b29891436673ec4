package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.CommandTable;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND DOCS [name ...]: a name -> document map (flat in RESP2). The documents are minimal: no
 * summaries or argument trees are shipped, only the group, so help-driven clients degrade quietly.
 */
public record CommandDocsCommand(CommandTable table) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        List<RespReply> out = new ArrayList<>();
        if (request.argc() == 2) {
            table.all().forEach(spec -> add(out, spec));
        }
        for (int i = 2; i < request.argc(); i++) {
            CommandSpec spec = table.lookup(request.arg(i));
            if (spec != null) {
                add(out, spec);
            }
        }
        return Replies.map(out);
    }

    private static void add(List<RespReply> out, CommandSpec spec) {
        out.add(BulkReply.of(spec.name()));
        out.add(Replies.map(List.of(BulkReply.of("summary"), BulkReply.of(""),
                BulkReply.of("since"), BulkReply.of("1.0.0"),
                BulkReply.of("group"), BulkReply.of(spec.isContainer() ? "server" : "generic"))));
    }
}
