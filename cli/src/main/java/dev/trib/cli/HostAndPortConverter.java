package dev.trib.cli;

import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets picocli reject a malformed address as a usage error (exit 2) before anything is contacted. */
public final class HostAndPortConverter implements ITypeConverter<HostAndPort> {
    @Override
    public HostAndPort convert(String value) {
        try {
            return HostAndPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("invalid address: " + e.getMessage()
                    + " (expected host:port or [ipv6]:port)");
        }
    }
}
