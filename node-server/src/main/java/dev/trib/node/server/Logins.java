package dev.trib.node.server;

import dev.trib.node.acl.Acl;
import dev.trib.node.acl.AclUser;
import dev.trib.node.command.ClientSession;
import java.nio.charset.StandardCharsets;

/** What AUTH and HELLO AUTH share: checking a user name and password and logging the connection in as that user. */
public final class Logins {
    private Logins() {
    }

    /**
     * @param user the user name, or null for AUTH's one-argument form (the default user)
     * @return whether the connection is now logged in as that user; unchanged when not
     */
    public static boolean login(ServerContext server, ClientSession session, byte[] user, byte[] password) {
        String name = user == null ? Acl.DEFAULT_USER : new String(user, StandardCharsets.ISO_8859_1);
        AclUser u = server.acl().authenticate(name, password);
        if (u == null) {
            return false;
        }
        session.user(u.name());
        session.authenticated(true);
        return true;
    }
}
