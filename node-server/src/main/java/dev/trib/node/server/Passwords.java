package dev.trib.node.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Password checks for the single "default" user that requirepass configures. */
public final class Passwords {
    private Passwords() {
    }

    /** Whether user/password authenticate; user null means the one-argument AUTH form. */
    public static boolean check(ServerContext server, String user, byte[] password) {
        if (user != null && !user.equals("default")) {
            return false;
        }
        String required = server.config().get("requirepass");
        if (required.isEmpty()) {
            return true;
        }
        // Constant-time comparison, like Redis's time_independent_strcmp.
        return MessageDigest.isEqual(required.getBytes(StandardCharsets.ISO_8859_1), password);
    }
}
