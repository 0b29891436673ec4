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
 * The sandbox's record of what it started, one line per node ({@code ip port pid dir}) in {@code sandbox.state}.
 * A plain line format keeps the commands module free of a JSON dependency.
 */
public record SandboxState(String server, List<SandboxNode> nodes) {
    static final String FILE = "sandbox.state";

    public SandboxState {
        nodes = List.copyOf(nodes);
    }

    public static Optional<SandboxState> read(Path sandboxDir) {
        Path file = sandboxDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            String server = lines.isEmpty() ? "redis" : lines.get(0).replace("server ", "");
            List<SandboxNode> nodes = new ArrayList<>();
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.split(" ", 4);
                if (f.length == 4) {
                    nodes.add(new SandboxNode(f[0], Integer.parseInt(f[1]), Path.of(f[3]), Long.parseLong(f[2])));
                }
            }
            return Optional.of(new SandboxState(server, nodes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path sandboxDir) {
        StringBuilder sb = new StringBuilder("server ").append(server).append('\n');
        for (SandboxNode n : nodes) {
            sb.append(n.ip()).append(' ').append(n.port()).append(' ').append(n.pid()).append(' ')
                    .append(n.dir()).append('\n');
        }
        try {
            Path tmp = sandboxDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, sb);
            Files.move(tmp, sandboxDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox state in " + sandboxDir, e);
        }
    }
}
