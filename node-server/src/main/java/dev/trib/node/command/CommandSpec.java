package dev.trib.node.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A command table entry: the name, Redis's arity convention (N = exactly N arguments including the
 * name, -N = at least N), flags, and the legacy key positions COMMAND INFO reports (first key,
 * last key with -1 meaning the last argument, step; all 0 for commands without keys). A container
 * command (CONFIG, CLUSTER, CLIENT, COMMAND) also has subcommands, named {@code container|sub}.
 */
public record CommandSpec(String name, int arity, Set<CommandFlag> flags, int firstKey, int lastKey, int keyStep,
                          Command command, Map<String, CommandSpec> subcommands) {

    public CommandSpec {
        flags = Set.copyOf(flags);
    }

    public CommandSpec(String name, int arity, Set<CommandFlag> flags, int firstKey, int lastKey, int keyStep,
                       Command command) {
        this(name, arity, flags, firstKey, lastKey, keyStep, command, new LinkedHashMap<>());
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    /** A subcommand by its lower-case name (the part after the bar). */
    public CommandSpec subcommand(String lowerName) {
        return subcommands.get(lowerName);
    }

    public Map<String, CommandSpec> subcommandsView() {
        return Collections.unmodifiableMap(subcommands);
    }

    /** The bare subcommand name, e.g. "set" for "config|set". */
    public String shortName() {
        int bar = name.indexOf('|');
        return bar < 0 ? name : name.substring(bar + 1);
    }

    public boolean hasKeys() {
        return firstKey > 0;
    }

    public boolean acceptsArgc(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }
}
