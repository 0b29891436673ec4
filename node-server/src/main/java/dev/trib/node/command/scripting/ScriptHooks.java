package dev.trib.node.command.scripting;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The interpreter's hooks (LuaJ calls a loaded DebugLib on every call, return and instruction). The instruction
 * hook stops a killed script, and a library load that runs too long, as Redis's count hook does, and notes the last
 * instruction run: where an error was raised, which Redis's error handler reads with debug.getinfo (LuaJ evaluates
 * a tail call outside the calling function, so its own error positions miss those). The error hook rewrites LuaJ's
 * "@chunk:line message" into Lua 5.1's "chunk:line: message". Scripts get no debug library, as in Redis.
 */
final class ScriptHooks extends DebugLib {
    private volatile ScriptRun run;
    private volatile long loadDeadlineNanos;
    private LuaClosure[] frames = new LuaClosure[32];
    private int depth;
    private Prototype lastProto;
    private int lastPc;
    private String lastRewritten;

    /** Rewrites error positions; installed as the running thread's error function. */
    final LuaFunction errorHook = new OneArgFunction() {
        @Override
        public LuaValue call(LuaValue message) {
            lastRewritten = rewrite(message.tojstring());
            return LuaValue.valueOf(lastRewritten);
        }
    };

    void begin(ScriptRun value) {
        run = value;
        reset();
    }

    void end() {
        run = null;
        loadDeadlineNanos = 0;
    }

    void loadDeadline(long nanos) {
        loadDeadlineNanos = nanos;
        reset();
    }

    private void reset() {
        depth = 0;
        lastProto = null;
        lastRewritten = null;
    }

    /** The chunk of the last instruction run ("@user_script"), or null. */
    String errorSource() {
        return lastProto == null || lastProto.source == null ? null : lastProto.source.tojstring();
    }

    /** The line of the last instruction run, or null. */
    String errorLine() {
        if (lastProto == null || lastProto.lineinfo == null || lastPc < 0 || lastPc >= lastProto.lineinfo.length) {
            return null;
        }
        return Integer.toString(lastProto.lineinfo[lastPc]);
    }

    /** Whether this error text already went through the error hook (so it has its position). */
    boolean positioned(String message) {
        return message.equals(lastRewritten);
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (depth > 0) {
            lastProto = frames[depth - 1].p;
            lastPc = pc;
        }
        ScriptRun r = run;
        if (r != null && r.killed) {
            throw new LuaError(LuaReplies.errorTable("Script killed by user with SCRIPT KILL..."));
        }
        long deadline = loadDeadlineNanos;
        if (deadline != 0 && System.nanoTime() - deadline > 0) {
            throw new LuaError(LuaReplies.errorTable("FUNCTION LOAD timeout"));
        }
    }

    @Override
    public void onCall(LuaFunction f) {
        push(null);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        push(c);
    }

    private void push(LuaClosure c) {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, depth * 2);
        }
        frames[depth++] = c;
        if (c == null) {
            // A Java function: the position stays the calling closure's.
            frames[depth - 1] = depth > 1 ? frames[depth - 2] : null;
        }
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            frames[--depth] = null;
        }
    }

    /** "@user_script:3 attempt ..." -> "user_script:3: attempt ...". */
    static String rewrite(String message) {
        if (!message.startsWith("@")) {
            return message;
        }
        int colon = message.indexOf(':');
        int space = message.indexOf(' ', Math.max(colon, 0));
        if (colon < 0 || space < 0) {
            return message;
        }
        for (int i = colon + 1; i < space; i++) {
            if (!Character.isDigit(message.charAt(i))) {
                return message;
            }
        }
        return message.substring(1, space) + ": " + message.substring(space + 1);
    }
}
