package dev.trib.cli.mixin;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribContext;
import dev.trib.cli.TribException;
import dev.trib.commands.node.ConnectionSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How to reach the nodes: auth, TLS and timeouts, shared by every command that connects. */
public class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-a", "--pass"}, paramLabel = "PASSWORD",
            description = "Password for every node. Visible to other users of this machine: prefer --askpass or "
                    + "the REDISCLI_AUTH environment variable.")
    String password;

    @Option(names = "--user", paramLabel = "USER", description = "ACL user name (with -a, --askpass or REDISCLI_AUTH).")
    String user;

    @Option(names = "--askpass", description = "Ask for the password on the terminal.")
    boolean askPass;

    @Option(names = "--pass-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (keep it readable by you alone).")
    Path passFile;

    @Option(names = "--no-auth-warning", description = "Do not warn about a password given on the command line.")
    boolean noAuthWarning;

    @Option(names = "--tls", description = "Connect with TLS.")
    boolean tls;

    @Option(names = "--cacert", paramLabel = "FILE", description = "CA certificate (PEM) to verify nodes with.")
    Path caCert;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate (PEM), with --key.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Client private key (PEM), with --cert.")
    Path key;

    @Option(names = "--insecure", description = "With --tls: do not verify the nodes' certificates.")
    boolean insecure;

    @Option(names = {"--timeout", "--connect-timeout"}, paramLabel = "MS", defaultValue = "5000",
            description = "Connect timeout per node in milliseconds (default: ${DEFAULT-VALUE}).")
    long connectTimeoutMs;

    @Option(names = "--command-timeout", paramLabel = "MS", defaultValue = "60000",
            description = "How long to wait for a node's reply before giving up on it (default: ${DEFAULT-VALUE}).")
    long commandTimeoutMs;

    /** The first line, without its line end; the file's content never appears in an error. */
    private char[] readPassFile() {
        String first;
        try (java.io.BufferedReader r = Files.newBufferedReader(passFile)) {
            first = r.readLine();
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), "--pass-file: cannot read " + passFile);
        }
        if (first == null || first.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--pass-file: " + passFile + " is empty");
        }
        return first.toCharArray();
    }

    public ConnectionSettings settings(TribContext context, PrintWriter err) {
        if (connectTimeoutMs <= 0 || commandTimeoutMs <= 0) {
            throw new ParameterException(spec.commandLine(),
                    "--timeout and --command-timeout must be positive numbers of milliseconds");
        }
        if ((cert == null) != (key == null)) {
            throw new ParameterException(spec.commandLine(), "--cert and --key go together");
        }
        for (Path p : new Path[] {caCert, cert, key}) {
            if (p != null && !Files.isReadable(p)) {
                throw new ParameterException(spec.commandLine(), "cannot read " + p);
            }
        }
        if ((password != null ? 1 : 0) + (askPass ? 1 : 0) + (passFile != null ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "give the password one way: -a, --askpass or --pass-file");
        }
        Optional<char[]> pw = Optional.empty();
        if (passFile != null) {
            pw = Optional.of(readPassFile());
        } else if (askPass) {
            pw = context.prompter().readPassword("Please input password: ");
            if (pw.isEmpty()) {
                throw new TribException(ExitCodes.USAGE, "--askpass: no password could be read");
            }
        } else if (password != null) {
            if (!noAuthWarning) {
                err.println("Warning: Using a password with '-a' or '--pass' option on the command line interface "
                        + "may not be safe.");
                err.flush();
            }
            pw = Optional.of(password.toCharArray());
        } else {
            pw = context.environment().get("REDISCLI_AUTH").filter(s -> !s.isEmpty()).map(String::toCharArray);
        }
        boolean useTls = tls || caCert != null || cert != null;
        if (user != null && pw.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--user needs a password: -a, --askpass, --pass-file or "
                    + "REDISCLI_AUTH");
        }
        return new ConnectionSettings(Optional.ofNullable(user), pw, useTls, Optional.ofNullable(caCert),
                Optional.ofNullable(cert), Optional.ofNullable(key), insecure, Duration.ofMillis(connectTimeoutMs),
                Duration.ofMillis(commandTimeoutMs));
    }
}
