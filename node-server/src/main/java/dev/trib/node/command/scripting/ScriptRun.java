package dev.trib.node.command.scripting;

import dev.trib.node.command.ClientSession;
import java.util.List;

/**
 * One script invocation (Redis's scriptRunCtx): who called it, what it may do, and what it did so far. The script
 * thread reads {@link #killed}; everything else is touched on the event loop, or before the run is handed over.
 */
final class ScriptRun {
    final String funcname;
    final boolean evalMode;
    final boolean readOnly;
    final boolean allowCrossSlot;
    final ClientSession caller;
    final List<byte[]> argv;
    final long startNanos = System.nanoTime();
    /** SCRIPT KILL / FUNCTION KILL asked for it; the script stops at its next instruction. */
    volatile boolean killed;
    /** It ran a write command: it can no longer be killed. */
    volatile boolean writeDirty;
    /** Past busy-reply-threshold: other clients get -BUSY. */
    boolean timedOut;
    /** The caller's ASKING when the script started: its calls are routed with it, as the script's client. */
    final boolean asking;
    /** The slot of the keys it touched so far (cluster mode), -1 before the first. */
    int slot = -1;

    ScriptRun(String funcname, boolean evalMode, boolean readOnly, boolean allowCrossSlot, ClientSession caller,
              List<byte[]> argv, int declaredSlot) {
        this.funcname = funcname;
        this.evalMode = evalMode;
        this.readOnly = readOnly;
        this.allowCrossSlot = allowCrossSlot;
        this.caller = caller;
        this.argv = argv;
        this.slot = declaredSlot;
        this.asking = caller.asking();
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
