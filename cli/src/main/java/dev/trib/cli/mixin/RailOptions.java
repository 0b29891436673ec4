package dev.trib.cli.mixin;

import dev.trib.commands.ops.DoctorOperation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Overriding the safety rails of the commands that plan slot moves (reshard, rebalance). */
public class RailOptions {
    @Option(names = "--force", description = "Move even when a target master would go above its maxmemory "
            + "(estimated from sampled MEMORY USAGE of the slots moved).")
    public boolean force;

    @Option(names = "--allow-big-keys", description = "Move even keys whose MIGRATE would block their master "
            + "longer than half the cluster-node-timeout; each is moved alone, after the other keys of its slot.")
    public boolean allowBigKeys;

    @Option(names = "--preflight", description = "Check the plan against the rails (maxmemory, big keys) and show "
            + "it, changing nothing; exit 1 when a rail would refuse the run.")
    public boolean preflight;

    @Option(names = "--transfer-rate", paramLabel = "MB", converter = PositiveMb.class,
            defaultValue = "" + (long) (DoctorOperation.DEFAULT_TRANSFER_RATE / (1024 * 1024)),
            description = "MB per second a MIGRATE moves, to judge how long a key blocks its master and to size "
                    + "MIGRATE timeouts (default: ${DEFAULT-VALUE}).")
    double transferRateMb;

    public double bytesPerSecond() {
        return transferRateMb * 1024 * 1024;
    }

    /** A usage error (exit 2) before anything is contacted, not a rate of zero. */
    static final class PositiveMb implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double mb = Double.parseDouble(value);
                if (mb > 0 && Double.isFinite(mb)) {
                    return mb;
                }
            } catch (NumberFormatException notANumber) {
                // Said below.
            }
            throw new TypeConversionException("'" + value + "' is not a positive number of MB");
        }
    }
}
