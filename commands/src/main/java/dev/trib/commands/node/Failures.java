package dev.trib.commands.node;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns a client-side exception into the short reason a user reads: "connection refused", "wrong password". */
public final class Failures {
    private Failures() {
    }

    public static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (c instanceof RedisCommandExecutionException) {
                return replyReason(m);
            }
            if (c instanceof UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof ConnectException || m.contains("Connection refused")) {
                return "connection refused";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof io.netty.channel.ConnectTimeoutException || m.startsWith("connection timed out")) {
                return "connection timed out";
            }
            if (c instanceof RedisCommandTimeoutException) {
                return "no reply in time (" + m.replace("Command timed out after ", "timed out after ") + ")";
            }
            if (c instanceof SSLException) {
                return "TLS handshake failed: " + firstLine(m);
            }
            if (c instanceof ClosedChannelException || m.contains("Connection closed")
                    || m.contains("Connection reset")) {
                return "connection closed by the node (TLS to a plain port or plain to a TLS port?)";
            }
        }
        if (t instanceof RedisConnectionException && t.getCause() == null) {
            return firstLine(t.getMessage());
        }
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    /** Auth-related error replies become access failures; anything else is an ordinary command error. */
    public static boolean isAccessFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RedisCommandExecutionException) {
                String m = c.getMessage() == null ? "" : c.getMessage().toUpperCase(Locale.ROOT);
                return m.startsWith("NOAUTH") || m.startsWith("WRONGPASS") || m.contains("AUTH")
                        && m.contains("WITHOUT ANY PASSWORD") || m.startsWith("NOPERM");
            }
            if (c instanceof RedisConnectionException || c instanceof ConnectException
                    || c instanceof SSLException || c instanceof UnknownHostException
                    || c instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String replyReason(String reply) {
        String upper = reply.toUpperCase(Locale.ROOT);
        if (upper.startsWith("NOAUTH")) {
            return "authentication required (give a password with -a, --askpass or REDISCLI_AUTH)";
        }
        if (upper.startsWith("WRONGPASS") || upper.contains("INVALID PASSWORD")) {
            return "authentication failed: wrong user name or password";
        }
        if (upper.contains("WITHOUT ANY PASSWORD")) {
            return "authentication failed: the node has no password set, but one was given";
        }
        return firstLine(reply);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).trim();
    }
}
