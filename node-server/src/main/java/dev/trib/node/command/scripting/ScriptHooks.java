package dev.trib.node.command.scripting;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
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
    private static final int OP_CONCAT = 22;
    private static final int OP_TAILCALL = 30;
    private static final int OP_NEWTABLE = 11;
    private static final int OP_SETLIST = 36;
    private volatile ScriptRun run;
    private volatile long loadDeadlineNanos;
    /** Each coroutine runs on its own Java thread in LuaJ, with its own calls. */
    private final java.util.Map<Thread, CallStack> callStacks = new java.util.IdentityHashMap<>();
    private Thread cachedThread;
    private CallStack cached;
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
        callStacks.clear();
        cachedThread = null;
        cached = null;
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

    /** The Lua calls of one thread (the script's, or a coroutine's): closures, their registers and pcs. */
    private static final class CallStack {
        LuaClosure[] frames = new LuaClosure[32];
        LuaValue[][] stacks = new LuaValue[32][];
        int[] pcs = new int[32];
        /** Lua 5.1's ci->tailcalls: calls a frame replaced by tail calls, which still count as levels. */
        int[] tailcalls = new int[32];
        int depth;
        int poppedTailcalls;
        /** The last instruction run was a tail call (LuaJ makes it after the calling frame is gone): its place. */
        Prototype tailProto;
        int tailPc;
        /** A table constructor just ran into this register (-1: none): its table becomes a Lua51Table. */
        int newTable = -1;
        int newTableArray;
        int newTableHash;
    }

    private CallStack calls() {
        Thread t = Thread.currentThread();
        if (t != cachedThread) {
            cached = callStacks.computeIfAbsent(t, k -> new CallStack());
            cachedThread = t;
        }
        return cached;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        CallStack cs = calls();
        int depth = cs.depth;
        if (depth > 0 && cs.frames[depth - 1] != null) {
            Prototype p = cs.frames[depth - 1].p;
            lastProto = p;
            lastPc = pc;
            lastStack = cs.stacks[depth - 1];
            cs.pcs[depth - 1] = pc;
            int op = pc < p.code.length ? p.code[pc] & 0x3f : -1;
            if (cs.newTable >= 0) {
                swapNewTable(cs, lastStack);
            }
            if (op == OP_NEWTABLE) {
                int instruction = p.code[pc];
                cs.newTable = (instruction >>> 6) & 0xff;
                cs.newTableArray = Lua51Table.fb2int(instruction >>> 23);
                cs.newTableHash = Lua51Table.fb2int((instruction >>> 14) & 0x1ff);
            } else if (op == OP_SETLIST) {
                presizeList(p, pc, lastStack, top);
            }
            if (op == OP_CONCAT) {
                int instruction = p.code[pc];
                concatOperandsAsStrings(lastStack, instruction >>> 23, (instruction >>> 14) & 0x1ff);
            }
            cs.tailProto = op == OP_TAILCALL ? p : null;
            cs.tailPc = pc;
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

    /**
     * The table a constructor made (still empty: the constructor's next instruction has not run) is replaced by a
     * Lua51Table of the sizes the constructor asked for, so it grows and lists its keys as Lua 5.1's would.
     */
    private static void swapNewTable(CallStack cs, LuaValue[] stack) {
        int r = cs.newTable;
        cs.newTable = -1;
        if (stack != null && r < stack.length && stack[r] != null && stack[r].getClass() == LuaTable.class) {
            stack[r] = new Lua51Table(cs.newTableArray, cs.newTableHash);
        }
    }

    /** Lua 5.1's SETLIST first sizes the array part to the list's last index (LuaJ only for a fixed count). */
    private static void presizeList(Prototype p, int pc, LuaValue[] stack, int top) {
        int instruction = p.code[pc];
        int a = (instruction >>> 6) & 0xff;
        if (stack == null || a >= stack.length || !(stack[a] instanceof Lua51Table t)) {
            return;
        }
        int b = instruction >>> 23;
        int c = (instruction >>> 14) & 0x1ff;
        if (c == 0 && pc + 1 < p.code.length) {
            c = p.code[pc + 1] >>> 6;
        }
        int n = b == 0 ? top - a - 1 : b;
        int last = (c - 1) * 50 + n;
        if (last > t.arraySize()) {
            t.resizeArray(last);
        }
    }

    /**
     * Before a concatenation runs, its number operands (temporaries: the compiler copies every operand into fresh
     * registers) become the strings Lua 5.1 makes of them (%.14g), where LuaJ would print floats its own way.
     */
    private static void concatOperandsAsStrings(LuaValue[] stack, int from, int to) {
        if (stack == null) {
            return;
        }
        for (int r = from; r <= to && r < stack.length; r++) {
            LuaValue v = stack[r];
            if (v != null && v.type() == LuaValue.TNUMBER && !(v instanceof org.luaj.vm2.LuaInteger)) {
                stack[r] = LuaValue.valueOf(LuaArgs.numberString(v.todouble()));
            }
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
        CallStack cs = calls();
        int depth = cs.depth;
        if (depth == cs.frames.length) {
            cs.frames = java.util.Arrays.copyOf(cs.frames, depth * 2);
            cs.stacks = java.util.Arrays.copyOf(cs.stacks, depth * 2);
            cs.pcs = java.util.Arrays.copyOf(cs.pcs, depth * 2);
            cs.tailcalls = java.util.Arrays.copyOf(cs.tailcalls, depth * 2);
        }
        cs.tailcalls[depth] = c != null && cs.tailProto != null ? cs.poppedTailcalls + 1 : 0;
        cs.tailProto = null;
        cs.frames[depth] = c; // null: a Java (C) function, which has no position
        cs.stacks[depth] = stack;
        cs.depth = depth + 1;
    }

    /** A Java function that calls Lua (pcall, a coroutine.wrap function) enters: a frame without position. */
    void enterJava() {
        push(null, null);
    }

    void leaveJava() {
        onReturn();
    }

    @Override
    public void onReturn() {
        CallStack cs = calls();
        if (cs.depth > 0) {
            cs.depth--;
            cs.poppedTailcalls = cs.tailcalls[cs.depth];
            cs.frames[cs.depth] = null;
            cs.stacks[cs.depth] = null;
        }
    }

    /**
     * luaL_where: "chunk:line: " of the Lua function {@code level} calls up (1: the running one), "" when there is
     * none (the script's body was called by the server).
     */
    String where(int level) {
        CallStack cs = calls();
        // Lua 5.1's lua_getstack: level 0 is the running Java function; each frame below counts one level and
        // one more per call it lost to tail calls. A Java function tail-called runs in a frame LuaJ has popped.
        int left = level - 1;
        Prototype p = null;
        int pc = 0;
        if (cs.tailProto != null) {
            if (left == 0) {
                p = cs.tailProto;
                pc = cs.tailPc;
            } else {
                left -= 1 + cs.poppedTailcalls;
            }
        }
        for (int i = cs.depth - 1; p == null && left >= 0 && i >= 0; i--) {
            if (left == 0) {
                if (cs.frames[i] == null) {
                    return "";
                }
                p = cs.frames[i].p;
                pc = cs.pcs[i];
            } else {
                left -= 1 + cs.tailcalls[i];
            }
        }
        if (p == null) {
            return "";
        }
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
