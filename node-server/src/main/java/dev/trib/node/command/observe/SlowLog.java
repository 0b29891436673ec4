package dev.trib.node.command.observe;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandObserver;
import dev.trib.node.command.CommandSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The slow log: commands that ran at least slowlog-log-slower-than microseconds (negative: off), newest first,
 * at most slowlog-max-len of them; arguments capped at 32 and 128 bytes each as redis-server records them.
 */
public final class SlowLog implements CommandObserver {
    private static final int MAX_ARGC = 32;
    private static final int MAX_STRING = 128;

    /** One entry, as SLOWLOG GET reports it. */
    record Entry(long id, long time, long micros, List<byte[]> argv, String peer, String name) {
    }

    private final LongSupplier slowerThan;
    private final LongSupplier maxLength;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    public SlowLog(LongSupplier slowerThan, LongSupplier maxLength) {
        this.slowerThan = slowerThan;
        this.maxLength = maxLength;
    }

    @Override
    public void executed(CommandSpec spec, List<byte[]> argv, ClientSession session, long micros) {
        long threshold = slowerThan.getAsLong();
        if (spec.has(CommandFlag.SKIP_SLOWLOG) || threshold < 0 || micros < 0) {
            return;
        }
        if (micros >= threshold) {
            entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, micros, recorded(spec, argv),
                    session.address() == null ? "" : session.address(),
                    session.name() == null ? "" : session.name()));
        }
        while (entries.size() > maxLength.getAsLong()) {
            entries.removeLast();
        }
    }

    private static List<byte[]> recorded(CommandSpec spec, List<byte[]> argv) {
        int argc = Math.min(argv.size(), MAX_ARGC);
        List<byte[]> out = new ArrayList<>(argc);
        boolean secret = spec.name().equals("auth");
        for (int j = 0; j < argc; j++) {
            byte[] a = argv.get(j);
            if (argc != argv.size() && j == argc - 1) {
                out.add(ascii("... (" + (argv.size() - argc + 1) + " more arguments)"));
            } else if (secret && j > 0) {
                out.add(ascii("(redacted)"));
            } else if (a.length > MAX_STRING) {
                byte[] cut = Arrays.copyOf(a, MAX_STRING);
                byte[] tail = ascii("... (" + (a.length - MAX_STRING) + " more bytes)");
                byte[] both = Arrays.copyOf(cut, cut.length + tail.length);
                System.arraycopy(tail, 0, both, cut.length, tail.length);
                out.add(both);
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return dev.trib.node.command.Propagation.ascii(s);
    }

    List<Entry> newest(long count) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= count) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    int size() {
        return entries.size();
    }

    void reset() {
        entries.clear();
    }
}
