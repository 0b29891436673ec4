package dev.trib.node.command;

import java.util.Set;

/**
 * A command table entry: the name, Redis's arity convention (N = exactly N arguments including the
 * name, -N = at least N), flags, and the legacy key positions COMMAND INFO reports (first key,
 * last key with -1 meaning the last argument, step; all 0 for commands without keys).
 */
public record CommandSpec(String name, int arity, Set<CommandFlag> flags, int firstKey, int lastKey, int keyStep,
                          Command command) {

    public CommandSpec {
        flags = Set.copyOf(flags);
    }

    public boolean acceptsArgc(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }
}
