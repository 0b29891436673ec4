package dev.trib.node.command.scripting;

import dev.trib.node.resp.ErrorReply;
import java.util.List;

/** Redis's scriptPrepareForRun refusals from a script's declared flags (none for a script without a shebang). */
final class Preconditions {
    private Preconditions() {
    }

    static ErrorReply check(List<String> flags, boolean roCommand, boolean clusterMode) {
        if (flags == null) {
            return null;
        }
        if (flags.contains(ScriptFlags.NO_CLUSTER) && clusterMode) {
            return new ErrorReply("ERR Can not run script on cluster, 'no-cluster' flag is set.");
        }
        if (!flags.contains(ScriptFlags.NO_WRITES) && roCommand) {
            return new ErrorReply("ERR Can not execute a script with write flag using *_ro command.");
        }
        return null;
    }
}
