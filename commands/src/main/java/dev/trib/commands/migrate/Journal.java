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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A migration's plan and progress on disk, rewritten atomically (temp file, fsync, rename) after every round,
 * so a run killed at any point can be finished with {@code --resume}. Holds no credentials.
 */
public final class Journal {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The on-disk format this trib writes and reads; a file of another version is refused, not guessed at. */
    public static final int VERSION = 1;

    /** The file's shape: field names are part of the on-disk format. */
    public static final class Doc {
        public int version = VERSION;
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
        /** The big keys the rails named ({@link KeySizes}): a resumed run moves them alone too. */
        public List<BigKeyEntry> bigKeys = new ArrayList<>();
        /** Mean MEMORY USAGE of the sampled keys per moved slot, for MIGRATE timeouts. */
        public TreeMap<Integer, Long> keyBytes = new TreeMap<>();
        /** Bytes per second the rails assumed (0: none). */
        public double transferRate;
    }

    /** One big key in the file. */
    public static final class BigKeyEntry {
        public int slot;
        public String key;
        public long bytes;
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

    /** The newest unfinished journal of this kind in the default directory, for a bare --resume. */
    public static Optional<Journal> latestUnfinished(String kind) {
        return all().stream().filter(j -> j.kind().equals(kind) && !j.finished()).findFirst();
    }

    /** Every readable journal in the default directory, newest first; unreadable files are left out. */
    public static List<Journal> all() {
        Path dir = defaultDirectory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Journal> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted(Comparator.reverseOrder()).toList()) {
                try {
                    out.add(load(p));
                } catch (RuntimeException unreadable) {
                    // Not ours, or damaged: 'trib journal show' names the problem when asked for it.
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public static Journal create(Path path, String kind, String entry, List<SlotMove> moves, List<String> nodeIds,
                                 MigrationOptions options) {
        return create(path, kind, entry, moves, nodeIds, options, KeySizes.NONE);
    }

    /** @param sizes what the rails measured of the moved keys, kept for --resume */
    public static Journal create(Path path, String kind, String entry, List<SlotMove> moves, List<String> nodeIds,
                                 MigrationOptions options, KeySizes sizes) {
        Doc d = new Doc();
        for (KeySizes.BigKey k : sizes.bigKeyList()) {
            BigKeyEntry e = new BigKeyEntry();
            e.slot = k.slot();
            e.key = k.name();
            e.bytes = k.bytes();
            d.bigKeys.add(e);
        }
        d.bigKeys.sort(java.util.Comparator.comparingInt((BigKeyEntry e) -> e.slot).thenComparing(e -> e.key));
        d.keyBytes.putAll(sizes.meanKeyBytes());
        d.transferRate = sizes.bytesPerSecond();
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

    /**
     * @throws JournalException in one line when the file cannot be read, is not a journal, or has a version this
     *                          trib does not know
     */
    public static Journal load(Path path) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new JournalException("Cannot read journal " + path + ": " + firstLine(e.getMessage()) + ".");
        }
        if (tree == null || !tree.isObject() || !tree.has("version") || !tree.has("moves")) {
            throw new JournalException(path + " is not a trib journal or plan (no version and moves).");
        }
        int version = tree.get("version").asInt(-1);
        if (version != VERSION) {
            throw new JournalException("Journal " + path + " has format version " + tree.get("version")
                    + "; this trib reads version " + VERSION + " only.");
        }
        try {
            return new Journal(path, MAPPER.treeToValue(tree, Doc.class));
        } catch (IOException e) {
            throw new JournalException("Journal " + path + " is damaged: " + firstLine(e.getMessage()) + ".");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "?" : s.lines().findFirst().orElse("?");
    }

    /** Deletes the file: the run it records will not be resumed. */
    public void discard() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    public String created() {
        return doc.created;
    }

    /** The ids of the masters of the cluster the journal was written for. */
    public List<String> nodeIds() {
        return List.copyOf(doc.nodeIds);
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

    /** What the rails measured when the run was planned ({@link KeySizes#NONE} for older files and plans). */
    public KeySizes keySizes() {
        return KeySizes.of(doc.bigKeys.stream().map(e -> new KeySizes.BigKey(e.slot, e.key, e.bytes)).toList(),
                doc.keyBytes, doc.transferRate);
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
