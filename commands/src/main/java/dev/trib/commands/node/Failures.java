package dev.trib.commands.node;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns a failure into the short reason a user reads: "connection refused", "wrong password". */
public final class Failures {
    private Failures() {
    }

    public static String reason(Throwable t) {
        return reason(t, false);
    }

    /**
     * @param settingUpTls the failure happened while a TLS connection was being set up: a closed connection or
     *                     silence then has a TLS cause worth naming
     */
    public static String reason(Throwable t, boolean settingUpTls) {
        // The validator wraps the expiry in a generic path failure: look for the precise cause first.
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertificateExpiredException
                    || c instanceof java.security.cert.CertPathValidatorException v
                    && v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.EXPIRED) {
                return "TLS: its certificate has expired";
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertPathValidatorException
                    || c instanceof java.security.cert.CertPathBuilderException) {
                return "TLS: its certificate is not signed by a CA trusted here (check --cacert, or --insecure "
                        + "to skip verification)";
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (c instanceof UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof ConnectException) {
                return m.toLowerCase(Locale.ROOT).contains("timed out") ? "connection timed out"
                        : "connection refused";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof SocketTimeoutException) {
                // The JDK says "Connect timed out" for a connect and "Read timed out" for a reply.
                return m.toLowerCase(Locale.ROOT).contains("connect") ? "connection timed out" : settingUpTls
                        ? "no answer to the TLS handshake in time (a plain port? drop --tls for it)" : "no reply in time";
            }
            if (c instanceof SSLException && (m.contains("certificate_required") || m.contains("bad_certificate")
                    || m.contains("unknown_ca"))) {
                return "TLS: the node requires a client certificate it trusts (--cert and --key)";
            }
            if (c instanceof SSLException && m.contains("subject alternative name")) {
                return "TLS: its certificate does not name this address";
            }
            if (settingUpTls && (c instanceof EOFException || c instanceof SocketException)) {
                return "the node closed the connection during TLS set-up (does it require a client certificate? "
                        + "give --cert and --key)";
            }
            if (c instanceof SSLException) {
                return "TLS handshake failed: " + firstLine(m)
                        + (m.contains("plaintext") || m.contains("Unsupported or unrecognized")
                        ? " (is the node using TLS?)" : "");
            }
            if (c instanceof EOFException || c instanceof SocketException && m.contains("reset")) {
                return "connection closed by the node (TLS to a plain port, or plain to a TLS port?)";
            }
        }
        return firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    /** Error replies that mean our credentials are missing, wrong or not allowed. */
    public static boolean isAuthError(String reply) {
        String m = reply.toUpperCase(Locale.ROOT);
        return m.startsWith("NOAUTH") || m.startsWith("WRONGPASS") || m.startsWith("NOPERM")
                || m.contains("WITHOUT ANY PASSWORD") || m.contains("INVALID PASSWORD");
    }

    public static String replyReason(String reply) {
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
        if (upper.startsWith("NOPERM")) {
            return "permission denied: " + firstLine(reply);
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
