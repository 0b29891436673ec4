package dev.trib.node.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** The explicit name -> command registry; names are matched case-insensitively. */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    /**
     * The same commands by name bytes, for {@link #lookup(byte[])}: open addressing over ASCII-case-folded bytes, so
     * finding the command of each request allocates nothing (a lower-cased String each was ~10% of ZADD's garbage).
     */
    private byte[][] indexNames = new byte[256][];
    private CommandSpec[] indexSpecs = new CommandSpec[256];

    /** Registers a command with keys at positions first..last stepping by step. */
    public CommandTable add(String name, int arity, int firstKey, int lastKey, int keyStep, Command command,
                            CommandFlag... flags) {
        EnumSet<CommandFlag> set = EnumSet.noneOf(CommandFlag.class);
        Collections.addAll(set, flags);
        CommandSpec spec = new CommandSpec(name, arity, set, firstKey, lastKey, keyStep, command);
        if (byName.putIfAbsent(name, spec) != null) {
            throw new IllegalArgumentException("duplicate command " + name);
        }
        index(name.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1), spec);
        return this;
    }

    private void index(byte[] name, CommandSpec spec) {
        if (byName.size() * 2 > indexNames.length) {
            byte[][] names = indexNames;
            CommandSpec[] specs = indexSpecs;
            indexNames = new byte[names.length * 2][];
            indexSpecs = new CommandSpec[names.length * 2];
            for (int i = 0; i < names.length; i++) {
                if (names[i] != null) {
                    index(names[i], specs[i]);
                }
            }
        }
        int mask = indexNames.length - 1;
        int i = foldedHash(name) & mask;
        while (indexNames[i] != null) {
            i = (i + 1) & mask;
        }
        indexNames[i] = name;
        indexSpecs[i] = spec;
    }

    private static int fold(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    private static int foldedHash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + fold(b);
        }
        return h ^ (h >>> 16);
    }

    /** Registers a command that takes no keys. */
    public CommandTable addKeyless(String name, int arity, Command command, CommandFlag... flags) {
        return add(name, arity, 0, 0, 0, command, flags);
    }

    /** Registers a command whose only key is its first argument. */
    public CommandTable addSingleKey(String name, int arity, Command command, CommandFlag... flags) {
        return add(name, arity, 1, 1, 1, command, flags);
    }

    /** Registers a subcommand of an already registered container, e.g. ("config", "get", -3, ...). */
    public CommandTable addSubcommand(String container, String sub, int arity, Command command, CommandFlag... flags) {
        return addSubcommand(container, sub, arity, 0, 0, 0, command, flags);
    }

    /** Registers a subcommand with keys at positions first..last stepping by step (XGROUP CREATE: 2, 2, 1;
     * OBJECT ENCODING key: 2, 2, 1). */
    public CommandTable addSubcommand(String container, String sub, int arity, int firstKey, int lastKey, int keyStep,
                                      Command command, CommandFlag... flags) {
        CommandSpec parent = byName.get(container);
        if (parent == null) {
            throw new IllegalArgumentException("no container " + container);
        }
        EnumSet<CommandFlag> set = EnumSet.noneOf(CommandFlag.class);
        Collections.addAll(set, flags);
        CommandSpec spec = new CommandSpec(container + "|" + sub, arity, set, firstKey, lastKey, keyStep, command);
        if (parent.subcommands().putIfAbsent(sub, spec) != null) {
            throw new IllegalArgumentException("duplicate subcommand " + spec.name());
        }
        return this;
    }

    public CommandSpec lookup(byte[] name) {
        int mask = indexNames.length - 1;
        for (int i = foldedHash(name) & mask; indexNames[i] != null; i = (i + 1) & mask) {
            if (equalsFolded(indexNames[i], name)) {
                return indexSpecs[i];
            }
        }
        return null;
    }

    private static boolean equalsFolded(byte[] lower, byte[] name) {
        if (lower.length != name.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] != fold(name[i])) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case of a command name, or null when it is too long to be one. */
    public static String lowerName(byte[] name) {
        if (name.length > 64) {
            return null;
        }
        char[] lower = new char[name.length];
        for (int i = 0; i < name.length; i++) {
            int c = name[i] & 0xff;
            lower[i] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return new String(lower);
    }

    public CommandSpec lookup(String name) {
        return lookup(name.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
