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
    private LuaValue[][] stacks = new LuaValue[32][];
    private int[] pcs = new int[32];
    private int depth;
    private Prototype lastProto;
    private int lastPc;
    private LuaValue[] lastStack;
    private String lastRewritten;

    /** Rewrites error positions; installed as the running thread's error function. */
    final LuaFunction errorHook = new OneArgFunction() {
        @Override
        public LuaValue call(LuaValue message) {
            lastRewritten = positionedReword(rewrite(message.tojstring()));
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
        lastStack = null;
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
            lastStack = stacks[depth - 1];
            pcs[depth - 1] = pc;
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
        push(null, null);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        push(c, stack);
    }

    private void push(LuaClosure c, LuaValue[] stack) {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, depth * 2);
            stacks = java.util.Arrays.copyOf(stacks, depth * 2);
            pcs = java.util.Arrays.copyOf(pcs, depth * 2);
        }
        frames[depth] = c;
        stacks[depth++] = stack;
        if (c == null) {
            // A Java function: the position stays the calling closure's.
            frames[depth - 1] = depth > 1 ? frames[depth - 2] : null;
            stacks[depth - 1] = depth > 1 ? stacks[depth - 2] : null;
        }
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            frames[--depth] = null;
            stacks[depth] = null;
        }
    }

    /**
     * luaL_where: "chunk:line: " of the Lua function {@code level} calls up (1: the running one), "" when there is
     * none (the script's body was called by the server).
     */
    String where(int level) {
        if (level < 1 || level > depth || frames[depth - level] == null) {
            return "";
        }
        Prototype p = frames[depth - level].p;
        int pc = pcs[depth - level];
        if (p.source == null || p.lineinfo == null || pc < 0 || pc >= p.lineinfo.length) {
            return "";
        }
        String source = p.source.tojstring();
        return source.substring(source.startsWith("@") ? 1 : 0) + ":" + p.lineinfo[pc] + ": ";
    }

    /**
     * A VM error's text in Lua 5.1's words, from the last instruction run and its frame's registers (see
     * {@link Lua51Errors}); other texts unchanged.
     */
    String reword(String text) {
        String lua51 = Lua51Errors.reword(text, lastProto, lastPc, lastStack);
        return lua51 == null ? text : lua51;
    }

    /** {@link #reword} for a text that starts with its position ("user_script:3: ..."). */
    private String positionedReword(String message) {
        int colon = message.indexOf(':');
        int end = colon < 0 ? -1 : message.indexOf(": ", colon + 1);
        if (end < 0) {
            return message;
        }
        for (int i = colon + 1; i < end; i++) {
            if (!Character.isDigit(message.charAt(i))) {
                return message;
            }
        }
        return message.substring(0, end + 2) + reword(message.substring(end + 2));
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
