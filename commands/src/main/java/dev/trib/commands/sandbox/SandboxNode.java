package dev.trib.commands.sandbox;

import dev.trib.planner.topology.HostAndPort;

import java.nio.file.Path;

/** One node process the sandbox started: where it listens, its directory and its pid. */
public record SandboxNode(String ip, int port, Path dir, long pid) {
    public HostAndPort address() {
        return new HostAndPort(ip, port);
    }

    public Path logFile() {
        return dir.resolve("redis.log");
    }
}
