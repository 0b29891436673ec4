package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.nio.charset.StandardCharsets;

/**
 * CLIENT SETINFO LIB-NAME|LIB-VER value. Redis 7.2 added it and current clients send it on
 * connect; it is accepted here so they do not log a warning, with 7.2's validation.
 */
public final class ClientSetInfoCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        String value = new String(request.arg(3), StandardCharsets.ISO_8859_1);
        for (char c : value.toCharArray()) {
            if (c < '!' || c > '~') {
                return new ErrorReply("ERR " + new String(request.arg(2), StandardCharsets.ISO_8859_1)
                        + " cannot contain spaces, newlines or special characters.");
            }
        }
        if (request.argIs(2, "lib-name")) {
            request.session().libName(value);
        } else if (request.argIs(2, "lib-ver")) {
            request.session().libVersion(value);
        } else {
            return new ErrorReply("ERR Unrecognized option '"
                    + new String(request.arg(2), StandardCharsets.ISO_8859_1) + "'");
        }
        return Replies.OK;
    }
}
