package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.EntryNode;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.BackupOperation;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = BackupCommand.NAME,
        description = "Save every master's RDB snapshot and the topology (nodes.json) to a directory.")
public final class BackupCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "backup";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    EntryNode entry;

    @Parameters(index = "1", paramLabel = "DIR", description = "Where to write the files (created if missing).")
    Path dir;

    @Override
    public Integer call() {
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw cluster.usage("DIR " + dir + " is a file, not a directory");
        }
        try (Session session = cluster.open()) {
            ClusterSnapshot snapshot = new ClusterLoader(session.connector()).load(entry.address);
            session.progress().step("Saving the snapshots of " + snapshot.masters().size() + " masters into " + dir);
            List<BackupOperation.Saved> saved = new BackupOperation(session.connector()).run(snapshot, dir);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("entry", entry.address.toString());
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (NodeReport n : snapshot.nodes()) {
                Map<String, Object> node = Json.node(snapshot, n);
                saved.stream().filter(s -> s.master().id().equals(n.id()) && s.failure().isEmpty()).findFirst()
                        .ifPresent(s -> {
                            node.put("rdb", s.file().getFileName().toString());
                            node.put("rdbKeys", s.keys());
                        });
                nodes.add(node);
            }
            doc.put("nodes", nodes);
            writeNodesJson(doc);
            boolean failed = false;
            for (BackupOperation.Saved s : saved) {
                if (s.failure().isPresent()) {
                    failed = true;
                    session.printer().error("No snapshot of " + s.master().address() + ": " + s.failure().get());
                } else if (!session.json()) {
                    session.printer().line(s.master().address() + " -> " + s.file().getFileName() + " (" + s.bytes()
                            + " bytes, " + s.keys() + " keys, checked to be its own)");
                }
            }
            if (session.json()) {
                Json.print(session.out(), Json.withExitCode(failed ? ExitCodes.PROBLEMS : ExitCodes.OK, doc));
            } else if (!failed) {
                session.printer().ok("Saved " + saved.size() + " snapshots and nodes.json in " + dir + ".");
            }
            return failed ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
    }

    private void writeNodesJson(Map<String, Object> doc) {
        StringWriter text = new StringWriter();
        Json.print(new PrintWriter(text), doc);
        try {
            Files.writeString(dir.resolve("nodes.json"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("nodes.json"), e);
        }
    }
}
