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

    /** Registers a command with keys at positions first..last stepping by step. */
    public CommandTable add(String name, int arity, int firstKey, int lastKey, int keyStep, Command command,
                            CommandFlag... flags) {
        EnumSet<CommandFlag> set = EnumSet.noneOf(CommandFlag.class);
        Collections.addAll(set, flags);
        CommandSpec spec = new CommandSpec(name, arity, set, firstKey, lastKey, keyStep, command);
        if (byName.putIfAbsent(name, spec) != null) {
            throw new IllegalArgumentException("duplicate command " + name);
        }
        return this;
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
        String lower = lowerName(name);
        return lower == null ? null : byName.get(lower);
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
