package dev.trib.node.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * redis-server 7.0's multi-part AOF manifest ({@code appendonlydir/appendonly.aof.manifest}): one
 * line per file, {@code file <name> seq <n> type <b|h|i>} — the base (an RDB snapshot), history
 * files awaiting deletion, and the incremental files of commands appended after the base, in order.
 * An immutable value; each change returns a new manifest.
 */
public record AofManifest(List<Entry> entries) {
    public static final char BASE = 'b';
    public static final char HISTORY = 'h';
    public static final char INCR = 'i';

    public record Entry(String name, long seq, char type) {
    }

    public AofManifest {
        entries = List.copyOf(entries);
    }

    /** The manifest's name for a given appendfilename. */
    public static String fileName(String appendFilename) {
        return appendFilename + ".manifest";
    }

    public static String baseName(String appendFilename, long seq) {
        return appendFilename + "." + seq + ".base.rdb";
    }

    public static String incrName(String appendFilename, long seq) {
        return appendFilename + "." + seq + ".incr.aof";
    }

    /** @throws IllegalArgumentException on a line that is not a file entry (comments and blank lines are fine) */
    public static AofManifest parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            String name = null;
            long seq = -1;
            char type = 0;
            for (int i = 0; i + 1 < words.length; i += 2) {
                switch (words[i]) {
                    case "file" -> name = words[i + 1];
                    case "seq" -> seq = Long.parseLong(words[i + 1]);
                    case "type" -> type = words[i + 1].length() == 1 ? words[i + 1].charAt(0) : 0;
                    default -> {
                        // later versions may add keys
                    }
                }
            }
            if (name == null || seq < 0 || (type != BASE && type != HISTORY && type != INCR)) {
                throw new IllegalArgumentException("Invalid AOF manifest line: " + trimmed);
            }
            entries.add(new Entry(name, seq, type));
        }
        return new AofManifest(entries);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            out.append("file ").append(e.name()).append(" seq ").append(e.seq()).append(" type ").append(e.type())
                    .append('\n');
        }
        return out.toString();
    }

    /** What loading replays, in order: the base (if any), then the incremental files. */
    public List<Entry> loadOrder() {
        List<Entry> out = new ArrayList<>();
        entries.stream().filter(e -> e.type() == BASE).forEach(out::add);
        entries.stream().filter(e -> e.type() == INCR).forEach(out::add);
        return out;
    }

    public Entry lastIncr() {
        Entry last = null;
        for (Entry e : entries) {
            if (e.type() == INCR) {
                last = e;
            }
        }
        return last;
    }

    public long maxSeq(char type) {
        return entries.stream().filter(e -> e.type() == type).mapToLong(Entry::seq).max().orElse(0);
    }

    public AofManifest with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        return new AofManifest(next);
    }
}
