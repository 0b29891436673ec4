package dev.trib.commands.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's record of what it started, in {@code sandbox.state}: {@code server NAME}, {@code replicas N},
 * {@code created yes|no} (whether the cluster was made, so an {@code up} knows to restart rather than create), then
 * one line per node ({@code ip port pid dir}). A plain line format keeps the commands module free of a JSON
 * dependency; a state written before the replicas and created lines reads as a created cluster with 1 replica.
 *
 * @param server the server's name: redis-server or trib-node
 */
public record SandboxState(String server, int replicas, boolean created, List<SandboxNode> nodes) {
    static final String FILE = "sandbox.state";

    public SandboxState {
        nodes = List.copyOf(nodes);
    }

    public SandboxState withCreated(boolean isCreated) {
        return new SandboxState(server, replicas, isCreated, nodes);
    }

    public SandboxState withNodes(List<SandboxNode> newNodes) {
        return new SandboxState(server, replicas, created, newNodes);
    }

    public static Optional<SandboxState> read(Path sandboxDir) {
        Path file = sandboxDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String server = "redis-server";
            int replicas = 1;
            boolean created = true;
            List<SandboxNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(" ", 4);
                switch (f[0]) {
                    case "server" -> server = f[1];
                    case "replicas" -> replicas = Integer.parseInt(f[1]);
                    case "created" -> created = f[1].equals("yes");
                    default -> {
                        if (f.length == 4) {
                            nodes.add(new SandboxNode(f[0], Integer.parseInt(f[1]), Path.of(f[3]),
                                    Long.parseLong(f[2])));
                        }
                    }
                }
            }
            return Optional.of(new SandboxState(server, replicas, created, nodes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path sandboxDir) {
        StringBuilder sb = new StringBuilder("server ").append(server).append('\n')
                .append("replicas ").append(replicas).append('\n')
                .append("created ").append(created ? "yes" : "no").append('\n');
        for (SandboxNode n : nodes) {
            sb.append(n.ip()).append(' ').append(n.port()).append(' ').append(n.pid()).append(' ')
                    .append(n.dir()).append('\n');
        }
        try {
            Files.createDirectories(sandboxDir);
            Path tmp = sandboxDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, sb);
            Files.move(tmp, sandboxDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox state in " + sandboxDir, e);
        }
    }
}
