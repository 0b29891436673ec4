package dev.trib.node.config;

import java.util.List;

/**
 * One configuration parameter: canonical name, older aliases (CONFIG GET reports both), the
 * default, whether CONFIG SET may change it at run time, and how values are checked.
 */
public record ConfigParameter(String name, List<String> aliases, String defaultValue, boolean mutable,
                              ValueKind kind) {
    public ConfigParameter {
        aliases = List.copyOf(aliases);
    }
}
