package dev.trib.commands.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach and authenticate with every node of a cluster. The password is held as characters so it never
 * ends up in a toString(); nothing here is ever printed.
 */
public record ConnectionSettings(
        Optional<String> user,
        Optional<char[]> password,
        boolean tls,
        Optional<Path> caCert,
        Optional<Path> cert,
        Optional<Path> key,
        boolean insecure,
        Duration connectTimeout,
        Duration commandTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    public static ConnectionSettings plain() {
        return new ConnectionSettings(Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), false, DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    public ConnectionSettings withPassword(String pw) {
        return new ConnectionSettings(user, Optional.of(pw.toCharArray()), tls, caCert, cert, key, insecure,
                connectTimeout, commandTimeout);
    }

    /** The same TLS and timeouts with other credentials (import's source has its own). */
    public ConnectionSettings withCredentials(Optional<String> newUser, Optional<char[]> newPassword) {
        return new ConnectionSettings(newUser, newPassword, tls, caCert, cert, key, insecure, connectTimeout,
                commandTimeout);
    }

    public ConnectionSettings withConnectTimeout(Duration timeout) {
        return new ConnectionSettings(user, password, tls, caCert, cert, key, insecure, timeout, commandTimeout);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[user=" + user.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-")
                + ", tls=" + tls + ", connectTimeout=" + connectTimeout + "]";
    }
}
