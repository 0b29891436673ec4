package dev.trib.node.command.scripting;

import java.util.ArrayList;
import java.util.List;

/** Script flags (shebang flags=..., redis.register_function flags), in Redis's order. */
final class ScriptFlags {
    static final String NO_WRITES = "no-writes";
    static final String ALLOW_OOM = "allow-oom";
    static final String ALLOW_STALE = "allow-stale";
    static final String NO_CLUSTER = "no-cluster";
    static final String ALLOW_CROSS_SLOT = "allow-cross-slot-keys";
    static final List<String> ALL = List.of(NO_WRITES, ALLOW_OOM, ALLOW_STALE, NO_CLUSTER, ALLOW_CROSS_SLOT);

    private ScriptFlags() {
    }

    /** The flag's name as Redis spells it (register_function compares without case), or null when unknown. */
    static String canonical(String flag) {
        for (String f : ALL) {
            if (f.equalsIgnoreCase(flag)) {
                return f;
            }
        }
        return null;
    }

    /** Flags in Redis's order (FUNCTION LIST shows them so). */
    static List<String> ordered(List<String> flags) {
        List<String> out = new ArrayList<>();
        for (String f : ALL) {
            if (flags.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
