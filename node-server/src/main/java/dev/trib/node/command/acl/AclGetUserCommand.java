package dev.trib.node.command.acl;

import dev.trib.node.acl.AclUser;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.SetReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** ACL GETUSER name: flags, password hashes, commands, keys, channels and (no) selectors; nil when unknown. */
record AclGetUserCommand(ServerContext server) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        AclUser u = server.acl().user(new String(request.arg(2), StandardCharsets.ISO_8859_1));
        if (u == null) {
            return Replies.NULL_BULK;
        }
        return Replies.map(List.of(
                BulkReply.of("flags"), new SetReply(u.flags().stream().map(BulkReply::of).toList()),
                BulkReply.of("passwords"), Replies.array(u.passwordHashes().stream().map(BulkReply::of).toList()),
                BulkReply.of("commands"), BulkReply.of(u.commands()),
                BulkReply.of("keys"), BulkReply.of(u.keys()),
                BulkReply.of("channels"), BulkReply.of(u.channels()),
                BulkReply.of("selectors"), Replies.EMPTY_ARRAY));
    }
}
