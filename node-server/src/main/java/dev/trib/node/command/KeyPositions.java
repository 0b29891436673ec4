package dev.trib.node.command;

import java.util.ArrayList;
import java.util.List;

/** Where a call's keys are, from the command table's first/last/step (COMMAND GETKEYS, cluster routing). */
public final class KeyPositions {
    private KeyPositions() {
    }

    /** Argument indexes holding keys of this call, MIGRATE's KEYS form included (its command knows them). */
    public static List<Integer> of(CommandSpec spec, List<byte[]> argv) {
        List<Integer> own = spec.command() == null ? null : spec.command().keyPositions(argv);
        return own != null ? own : of(spec, argv.size());
    }

    /** Argument indexes holding keys; empty for keyless commands. */
    public static List<Integer> of(CommandSpec spec, int argc) {
        List<Integer> out = new ArrayList<>();
        if (spec.firstKey() <= 0) {
            return out;
        }
        int last = spec.lastKey() < 0 ? argc + spec.lastKey() : spec.lastKey();
        for (int i = spec.firstKey(); i <= last && i < argc; i += Math.max(1, spec.keyStep())) {
            out.add(i);
        }
        return out;
    }
}
