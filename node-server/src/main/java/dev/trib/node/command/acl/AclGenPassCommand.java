package dev.trib.node.command.acl;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;
import dev.trib.node.text.RandomHex;

/** ACL GENPASS [bits]: a random password in hex, 256 bits unless told. */
final class AclGenPassCommand implements Command {
    private static final ErrorReply BAD_BITS = new ErrorReply("ERR ACL GENPASS argument must be the number of bits "
            + "for the output password, a positive number up to 4096");

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 3) {
            return Errors.wrongArity("acl|genpass");
        }
        long bits = 256;
        if (request.argc() == 3) {
            Long given = IntegerText.parse(request.arg(2));
            if (given == null || given <= 0 || given > 4096) {
                return BAD_BITS;
            }
            bits = given;
        }
        int chars = (int) ((bits + 3) / 4);
        return BulkReply.of(RandomHex.of((chars + 1) / 2).substring(0, chars));
    }
}
