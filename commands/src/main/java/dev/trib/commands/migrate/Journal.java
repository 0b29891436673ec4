package dev.trib.commands.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trib.planner.alloc.SlotMove;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A migration's plan and progress on disk, rewritten atomically (temp file, fsync, rename) after every round,
 * so a run killed at any point can be finished with {@code --resume}. Holds no credentials.
 */
public final class Journal {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The file's shape: field names are part of the on-disk format. */
    public static final class Doc {
        public int version = 1;
        public String kind;
        public String entry;
        public String created;
        public int keysPerMigrate;
        public int timeoutMs;
        public boolean replace;
        public List<int[]> moves = new ArrayList<>();
        public List<String> nodeIds = new ArrayList<>();
        public TreeSet<Integer> done = new TreeSet<>();
        public boolean finished;
    }

    private final Path path;
    private final Doc doc;

    private Journal(Path path, Doc doc) {
        this.path = path;
        this.doc = doc;
    }

    /**
     * Starts Jackson's own start-up (about 0.15 s of class loading and set-up in a fresh JVM) on a background
     * thread, so it overlaps with loading the cluster instead of adding to it.
     */
    public static void warmUpAsync() {
        Thread t = new Thread(() -> {
            try {
                MAPPER.writeValueAsBytes(new Doc());
                MAPPER.readValue("{}", Doc.class);
            } catch (IOException ignored) {
                // Only a warm-up.
            }
        }, "trib-journal-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Where journals go unless --journal says otherwise: ~/.trib/journals. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".trib", "journals");
    }

    public static Path newDefaultPath(String kind) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return defaultDirectory().resolve(kind + "-" + stamp + ".json");
    }

    /** The newest unfinished journal in the default directory, for a bare --resume. */
    public static Optional<Path> latestUnfinished() {
        Path dir = defaultDirectory();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted((a, b) -> b.compareTo(a))
                    .filter(p -> !load(p).finished()).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public static Journal create(Path path, String kind, String entry, List<SlotMove> moves, List<String> nodeIds,
                                 MigrationOptions options) {
        Doc d = new Doc();
        d.kind = kind;
        d.entry = entry;
        d.created = LocalDateTime.now().toString();
        d.keysPerMigrate = options.keysPerMigrate();
        d.timeoutMs = options.timeoutMs();
        d.replace = options.replace();
        // Node ids are stored once and moves refer to them by index: a 16384-slot plan stays small.
        for (SlotMove m : moves) {
            d.moves.add(new int[] {m.slot(), index(d.nodeIds, m.sourceId()), index(d.nodeIds, m.targetId())});
        }
        Journal j = new Journal(path, d);
        j.save();
        return j;
    }

    private static int index(List<String> ids, String id) {
        int i = ids.indexOf(id);
        if (i < 0) {
            ids.add(id);
            i = ids.size() - 1;
        }
        return i;
    }

    public static Journal load(Path path) {
        try {
            return new Journal(path, MAPPER.readValue(path.toFile(), Doc.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public String kind() {
        return doc.kind;
    }

    public String entry() {
        return doc.entry;
    }

    public boolean finished() {
        return doc.finished;
    }

    public MigrationOptions options(MigrationOptions base) {
        return new MigrationOptions(doc.keysPerMigrate, doc.timeoutMs, doc.replace, base.parallel(),
                base.slotsPerRound(), base.auth());
    }

    public List<SlotMove> moves() {
        List<SlotMove> out = new ArrayList<>();
        for (int[] m : doc.moves) {
            out.add(new SlotMove(m[0], doc.nodeIds.get(m[1]), doc.nodeIds.get(m[2])));
        }
        return out;
    }

    /** Moves not yet recorded as done. */
    public synchronized List<SlotMove> remaining() {
        return moves().stream().filter(m -> !doc.done.contains(m.slot())).toList();
    }

    public synchronized int doneCount() {
        return doc.done.size();
    }

    public synchronized void markDone(Collection<Integer> slots) {
        doc.done.addAll(slots);
        save();
    }

    public synchronized void markFinished() {
        doc.finished = true;
        save();
    }

    private void save() {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(tmp, MAPPER.writeValueAsBytes(doc));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + path + ": " + e.getMessage(), e);
        }
    }
}
