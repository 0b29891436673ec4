package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.Batch;
import dev.trib.commands.node.Batch.Step;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.rdb.RdbFile;
import dev.trib.planner.rdb.RdbFormatException;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.SlotSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code trib backup}: every master's RDB snapshot, fetched with SYNC as a replica would (the node saves and
 * streams it), into {@code redis-node-<ip>-<port>-<id>.rdb} files as redis-cli names them. Masters that save to the
 * same path ({@code dir} and {@code dbfilename}; two addresses may be one machine) are asked one at a time: answering SYNC together, they
 * overwrite each other's dump and send each other's data. Each file is then read back and kept only if it is its
 * master's: every key in a slot the master serves, as many keys as its DBSIZE at the time; else it is fetched once
 * more, and reported as a failure if it is still wrong.
 */
public final class BackupOperation {
    private static final int ATTEMPTS = 2;

    private final NodeConnector connector;

    public BackupOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** One master's outcome: the file written and the keys it was checked to hold, or why there is none. */
    public record Saved(NodeReport master, Path file, long bytes, long keys, Optional<String> failure) {
    }

    /** Every master that counts (a failed master that was replaced holds nothing), in snapshot order. */
    public List<Saved> run(ClusterSnapshot snapshot, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Map<String, List<NodeReport>> bySaveFile = new LinkedHashMap<>();
        for (NodeReport m : snapshot.countedMasters()) {
            bySaveFile.computeIfAbsent(saveFile(m), k -> new ArrayList<>()).add(m);
        }
        Map<String, Saved> byId = new LinkedHashMap<>();
        Parallel.map(new ArrayList<>(bySaveFile.values()), group -> group.stream().map(m -> save(m, dir)).toList())
                .forEach(o -> {
                    if (o.ok()) {
                        o.value().forEach(s -> byId.put(s.master().id(), s));
                    } else {
                        o.input().forEach(m -> byId.put(m.id(), new Saved(m, fileFor(dir, m), 0, 0,
                                Optional.of(o.error().getMessage()))));
                    }
                });
        return snapshot.countedMasters().stream().map(m -> byId.get(m.id())).toList();
    }

    /**
     * Where the master writes the dump SYNC sends: dir and dbfilename. When CONFIG GET is not allowed the host
     * alone, so masters on one host are asked one at a time rather than risk a shared directory.
     */
    private String saveFile(NodeReport m) {
        if (!m.reachable()) {
            return "unreachable " + m.id();
        }
        try {
            NodeClient c = connector.connect(m.address());
            Batch b = c.batch();
            Step<Optional<String>> dir = b.configGet("dir");
            Step<Optional<String>> name = b.configGet("dbfilename");
            b.send();
            Optional<String> d = dir.answer().orElse(Optional.empty());
            Optional<String> f = name.answer().orElse(Optional.empty());
            if (d.isPresent() && f.isPresent()) {
                // The path alone, not the host: two addresses may be one machine (or one shared volume).
                return d.get() + "/" + f.get();
            }
        } catch (NodeAccessException e) {
            // judged below, by the SYNC itself
        }
        return m.address().host();
    }

    private Saved save(NodeReport master, Path dir) {
        Path file = fileFor(dir, master);
        if (!master.reachable()) {
            return new Saved(master, file, 0, 0, Optional.of("unreachable: " + master.failure().orElse("?")));
        }
        String problem = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                long before = connector.connect(master.address()).dbSize();
                long bytes = connector.connect(master.address()).saveSnapshot(file);
                long after = connector.connect(master.address()).dbSize();
                Verified v = verify(file, master.self().slots().union(openSlots(master)), before, after);
                if (v.problem().isEmpty()) {
                    return new Saved(master, file, bytes, v.keys(), Optional.empty());
                }
                problem = v.problem().get();
            } catch (NodeAccessException e) {
                return new Saved(master, file, 0, 0, Optional.of(e.getMessage()));
            }
        }
        discard(file);
        return new Saved(master, file, 0, 0, Optional.of("the snapshot received is not this master's, asked "
                + ATTEMPTS + " times (" + problem + "); the file was removed"));
    }

    private static SlotSet openSlots(NodeReport m) {
        List<Integer> open = new ArrayList<>(m.self().importing().keySet());
        open.addAll(m.self().migrating().keySet());
        return SlotSet.of(open);
    }

    /** What reading a saved file back found. */
    public record Verified(long keys, Optional<String> problem) {
    }

    /**
     * Reads the file with the project's RDB reader: every key must hash to one of the slots, and the count must lie
     * between the master's DBSIZE before and after the save (writes may land in between).
     */
    public static Verified verify(Path file, SlotSet slots, long dbSizeBefore, long dbSizeAfter) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Verified(0, Optional.of("cannot read " + file + ": " + e.getMessage()));
        }
        long[] keys = {0};
        long[] foreign = {0};
        String[] example = {null};
        try {
            RdbFile.scan(bytes, (key, value, expireAt) -> {
                keys[0]++;
                int slot = KeySlot.of(key);
                if (!slots.contains(slot)) {
                    foreign[0]++;
                    if (example[0] == null) {
                        example[0] = "key '" + new String(key, StandardCharsets.UTF_8) + "' of slot " + slot;
                    }
                }
            });
        } catch (RdbFormatException | IndexOutOfBoundsException e) {
            return new Verified(0, Optional.of("it cannot be read to verify it: " + e.getMessage()));
        }
        if (foreign[0] > 0) {
            return new Verified(keys[0], Optional.of(foreign[0] + " of its " + keys[0] + " keys are in slots the "
                    + "master does not serve, e.g. " + example[0]));
        }
        long low = Math.min(dbSizeBefore, dbSizeAfter);
        long high = Math.max(dbSizeBefore, dbSizeAfter);
        if (keys[0] < low || keys[0] > high) {
            return new Verified(keys[0], Optional.of("it holds " + keys[0] + " keys where the master had "
                    + (low == high ? low : low + " to " + high)));
        }
        return new Verified(keys[0], Optional.empty());
    }

    private static void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure is reported either way
        }
    }

    public static Path fileFor(Path dir, NodeReport master) {
        return dir.resolve("redis-node-" + master.address().host().replace(':', '_') + "-" + master.address().port()
                + "-" + master.id() + ".rdb");
    }
}
