package dev.trib.node.command.scripting;

import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import java.util.ArrayList;
import java.util.List;

/** A container's HELP reply as Redis's addReplyHelp: a heading, the given lines, then HELP itself, as statuses. */
final class HelpReply {
    private HelpReply() {
    }

    static RespReply of(String container, String... lines) {
        List<RespReply> out = new ArrayList<>();
        out.add(new SimpleStringReply(container + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
        for (String line : lines) {
            out.add(new SimpleStringReply(line));
        }
        out.add(new SimpleStringReply("HELP"));
        out.add(new SimpleStringReply("    Prints this help."));
        return Replies.array(out);
    }
}
