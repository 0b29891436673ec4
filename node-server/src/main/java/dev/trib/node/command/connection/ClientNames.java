package dev.trib.node.command.connection;

import dev.trib.node.command.ClientSession;
import dev.trib.node.resp.ErrorReply;
import java.nio.charset.StandardCharsets;

/** Client name rules shared by CLIENT SETNAME and HELLO SETNAME. */
final class ClientNames {
    private static final ErrorReply BAD_NAME =
            new ErrorReply("ERR Client names cannot contain spaces, newlines or special characters.");

    private ClientNames() {
    }

    /** Sets the name (empty clears it); @return the error, or null on success */
    static ErrorReply set(ClientSession session, byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                return BAD_NAME;
            }
        }
        session.name(new String(name, StandardCharsets.ISO_8859_1));
        return null;
    }
}
