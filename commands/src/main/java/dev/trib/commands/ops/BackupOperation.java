package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code trib backup}: every master's RDB snapshot, fetched with SYNC as a replica would (the node saves and
 * streams it), all masters at once, into {@code redis-node-<ip>-<port>-<id>.rdb} files as redis-cli names them.
 */
public final class BackupOperation {
    private final NodeConnector connector;

    public BackupOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** One master's outcome: the file written, or why there is none. */
    public record Saved(NodeReport master, Path file, long bytes, Optional<String> failure) {
    }

    public List<Saved> run(ClusterSnapshot snapshot, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return Parallel.map(snapshot.masters(), m -> save(m, dir)).stream().map(o -> o.ok() ? o.value()
                : new Saved(o.input(), fileFor(dir, o.input()), 0, Optional.of(o.error().getMessage()))).toList();
    }

    private Saved save(NodeReport master, Path dir) {
        Path file = fileFor(dir, master);
        if (!master.reachable()) {
            return new Saved(master, file, 0, Optional.of("unreachable: " + master.failure().orElse("?")));
        }
        try {
            long bytes = connector.connect(master.address()).saveSnapshot(file);
            return new Saved(master, file, bytes, Optional.empty());
        } catch (NodeAccessException e) {
            return new Saved(master, file, 0, Optional.of(e.getMessage()));
        }
    }

    public static Path fileFor(Path dir, NodeReport master) {
        return dir.resolve("redis-node-" + master.address().host().replace(':', '_') + "-" + master.address().port()
                + "-" + master.id() + ".rdb");
    }
}
