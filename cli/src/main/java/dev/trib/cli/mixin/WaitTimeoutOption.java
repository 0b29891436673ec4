package dev.trib.cli.mixin;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;

/** The bound on waiting for a cluster to settle after a change, shared by the commands that wait. */
public class WaitTimeoutOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--wait-timeout", paramLabel = "MS", defaultValue = "60000",
            description = "How long to wait for the nodes to settle after the change (default: ${DEFAULT-VALUE}).")
    long waitTimeoutMs;

    public Duration waitTimeout() {
        if (waitTimeoutMs <= 0) {
            throw new ParameterException(spec.commandLine(), "--wait-timeout must be positive");
        }
        return Duration.ofMillis(waitTimeoutMs);
    }
}
