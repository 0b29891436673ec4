package dev.trib.node.command.acl;

import dev.trib.node.acl.AclCategories;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** ACL CAT [category]: the categories, or the commands in one. */
record AclCatCommand(CommandTable table) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 3) {
            return Errors.wrongArity("acl|cat");
        }
        if (request.argc() == 2) {
            return Replies.array(AclCategories.ALL.stream().map(BulkReply::of).toList());
        }
        String category = new String(request.arg(2), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (!AclCategories.ALL.contains(category)) {
            return new ErrorReply("ERR Unknown category '" + category + "'");
        }
        List<String> names = AclCategories.commandsIn(table, category);
        return Replies.array(names.stream().map(BulkReply::of).toList());
    }
}
