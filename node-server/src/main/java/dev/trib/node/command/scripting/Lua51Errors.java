package dev.trib.node.command.scripting;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * Lua 5.1's wording for the errors the virtual machine raises (calling, indexing, arithmetic, concatenation,
 * length and comparison of the wrong types), made from the instruction that failed and its registers, where LuaJ
 * words them its own way ("attempt to call nil" for "attempt to call local 'f' (a nil value)"). Names come from the
 * same analysis Lua's debug interface makes: the register is a local, or was last loaded from a global, a field, an
 * upvalue or a method. LuaJ compiles Lua 5.2 bytecode, so a global is a field of the _ENV upvalue here.
 */
final class Lua51Errors {
    private static final int OP_MOVE = 0;
    private static final int OP_LOADNIL = 4;
    private static final int OP_GETUPVAL = 5;
    private static final int OP_GETTABUP = 6;
    private static final int OP_GETTABLE = 7;
    private static final int OP_SETTABUP = 8;
    private static final int OP_SETTABLE = 10;
    private static final int OP_SELF = 12;
    private static final int OP_ADD = 13;
    private static final int OP_POW = 18;
    private static final int OP_UNM = 19;
    private static final int OP_LEN = 21;
    private static final int OP_CONCAT = 22;
    private static final int OP_JMP = 23;
    private static final int OP_LT = 25;
    private static final int OP_LE = 26;
    private static final int OP_TEST = 27;
    private static final int OP_CALL = 29;
    private static final int OP_TAILCALL = 30;
    private static final int OP_TFORCALL = 34;
    private static final int BITRK = 256;
    /** Opcodes that write register A (Lua 5.2's testAMode). */
    private static final boolean[] SETS_A = new boolean[64];

    static {
        for (int op : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 28, 29, 30,
            32, 33, 35, 37, 38}) {
            SETS_A[op] = true;
        }
    }

    private Lua51Errors() {
    }

    /**
     * Lua 5.1's text for LuaJ's error {@code message} raised at instruction {@code pc} of {@code p}, whose frame's
     * registers are {@code stack}; null when the message is not one of the VM's or does not fit the instruction.
     */
    static String reword(String message, Prototype p, int pc, LuaValue[] stack) {
        if (p == null || stack == null || pc < 0 || pc >= p.code.length) {
            return null;
        }
        int i = p.code[pc];
        int op = i & 0x3f;
        int a = (i >>> 6) & 0xff;
        int b = i >>> 23;
        int c = (i >>> 14) & 0x1ff;
        if (message.startsWith("attempt to call ")) {
            if (op == OP_CALL || op == OP_TAILCALL) {
                LuaValue f = reg(stack, a);
                LuaValue meta = f == null ? null : f.getmetatable();
                if (f == null || f.isfunction() || meta != null && meta.istable()
                        && meta.rawget(LuaValue.CALL).isfunction()) {
                    return null; // raised inside the function called, or by a __call
                }
                return typeError(p, pc, stack, a, "call");
            }
            if (op == OP_TFORCALL) {
                LuaValue f = reg(stack, a);
                return f == null || f.isfunction() ? null : "attempt to call a " + f.typename() + " value";
            }
            return null;
        }
        if (message.startsWith("attempt to index ") || message.startsWith("index expected, got ")) {
            return switch (op) {
                case OP_GETTABLE, OP_SELF -> typeError(p, pc, stack, b, "index");
                case OP_SETTABLE -> typeError(p, pc, stack, a, "index");
                case OP_GETTABUP, OP_SETTABUP -> {
                    // Lua 5.1 loads the upvalue into a register and indexes that.
                    int u = op == OP_GETTABUP ? b : a;
                    String type = typeIn(message);
                    yield type == null ? null
                            : "attempt to index upvalue '" + upvalueName(p, u) + "' (a " + type + " value)";
                }
                default -> null;
            };
        }
        if (message.startsWith("attempt to perform arithmetic ")) {
            if (op >= OP_ADD && op <= OP_POW) {
                // Lua blames the first operand unless it is a number (or reads as one).
                int blamed = rk(p, stack, b).tonumber().isnil() ? b : c;
                return rkTypeError(p, pc, stack, blamed, "perform arithmetic on");
            }
            return op == OP_UNM ? typeError(p, pc, stack, b, "perform arithmetic on") : null;
        }
        if (message.startsWith("attempt to concatenate ") && op == OP_CONCAT) {
            return typeError(p, pc, stack, concatBlamed(stack, b, c), "concatenate");
        }
        if (message.startsWith("attempt to get length of ") && op == OP_LEN) {
            return typeError(p, pc, stack, b, "get length of");
        }
        if (message.startsWith("attempt to compare ") && (op == OP_LT || op == OP_LE)) {
            return orderError(rk(p, stack, b), rk(p, stack, c));
        }
        return null;
    }

    /** luaG_ordererror: types told apart by their third letter, as Lua does. */
    static String orderError(LuaValue x, LuaValue y) {
        String t1 = x.typename();
        String t2 = y.typename();
        if (t1.charAt(2) == t2.charAt(2)) {
            return "attempt to compare two " + t1 + " values";
        }
        return "attempt to compare " + t1 + " with " + t2;
    }

    /**
     * Which register of R(b)..R(c) Lua's concatenation blames: it joins strings from the right, so the rightmost
     * value that is neither string nor number, or the one left of the last register when that is also bad.
     */
    private static int concatBlamed(LuaValue[] stack, int b, int c) {
        int j = c;
        while (j >= b && stringy(reg(stack, j))) {
            j--;
        }
        if (j == c && c - 1 >= b && !stringy(reg(stack, c - 1))) {
            return c - 1;
        }
        return Math.max(j, b);
    }

    private static boolean stringy(LuaValue v) {
        return v != null && (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER);
    }

    private static String rkTypeError(Prototype p, int pc, LuaValue[] stack, int rk, String op) {
        if ((rk & BITRK) != 0) {
            return "attempt to " + op + " a " + p.k[rk & 0xff].typename() + " value"; // a constant: no name
        }
        return typeError(p, pc, stack, rk, op);
    }

    private static String typeError(Prototype p, int pc, LuaValue[] stack, int reg, String op) {
        LuaValue v = reg(stack, reg);
        if (v == null) {
            return null;
        }
        String[] name = objectName(p, pc, reg);
        if (name == null) {
            return "attempt to " + op + " a " + v.typename() + " value";
        }
        return "attempt to " + op + " " + name[0] + " '" + name[1] + "' (a " + v.typename() + " value)";
    }

    private static LuaValue reg(LuaValue[] stack, int r) {
        return r >= 0 && r < stack.length ? stack[r] : null;
    }

    private static LuaValue rk(Prototype p, LuaValue[] stack, int x) {
        LuaValue v = (x & BITRK) != 0 ? p.k[x & 0xff] : reg(stack, x);
        return v == null ? LuaValue.NIL : v;
    }

    /** The type named in LuaJ's message ("(a nil value)" or "got nil"). */
    private static String typeIn(String message) {
        int at = message.indexOf("(a ");
        if (at >= 0 && message.endsWith(" value)")) {
            return message.substring(at + 3, message.length() - 7);
        }
        at = message.indexOf("got ");
        return at >= 0 ? message.substring(at + 4) : null;
    }

    /** {kind, name} for a register, as Lua's getobjname: a local, or where it was last loaded from; else null. */
    private static String[] objectName(Prototype p, int pc, int reg) {
        LuaString local = p.getlocalname(reg + 1, pc);
        if (local != null) {
            return new String[] {"local", local.tojstring()};
        }
        int setter = lastSetter(p, pc, reg);
        if (setter < 0) {
            return null;
        }
        int i = p.code[setter];
        int a = (i >>> 6) & 0xff;
        int b = i >>> 23;
        int c = (i >>> 14) & 0x1ff;
        return switch (i & 0x3f) {
            case OP_MOVE -> b < a ? objectName(p, pc, b) : null;
            case OP_GETTABUP -> new String[] {"_ENV".equals(upvalueName(p, b)) ? "global" : "field", keyName(p, c)};
            case OP_GETTABLE -> new String[] {"field", keyName(p, c)};
            case OP_GETUPVAL -> new String[] {"upvalue", upvalueName(p, b)};
            case OP_SELF -> new String[] {"method", keyName(p, c)};
            default -> null;
        };
    }

    private static String keyName(Prototype p, int c) {
        if ((c & BITRK) != 0 && p.k[c & 0xff].type() == LuaValue.TSTRING) {
            return p.k[c & 0xff].tojstring();
        }
        return "?";
    }

    private static String upvalueName(Prototype p, int u) {
        return p.upvalues != null && u < p.upvalues.length && p.upvalues[u].name != null
                ? p.upvalues[u].name.tojstring() : "?";
    }

    /** The last instruction before {@code lastpc} that wrote {@code reg}, following forward jumps (findsetreg). */
    private static int lastSetter(Prototype p, int lastpc, int reg) {
        int setter = -1;
        for (int pc = 0; pc < lastpc; pc++) {
            int i = p.code[pc];
            int op = i & 0x3f;
            int a = (i >>> 6) & 0xff;
            switch (op) {
                case OP_LOADNIL -> {
                    if (a <= reg && reg <= a + (i >>> 23)) {
                        setter = pc;
                    }
                }
                case OP_TFORCALL -> {
                    if (reg >= a + 2) {
                        setter = pc;
                    }
                }
                case OP_CALL, OP_TAILCALL -> {
                    if (reg >= a) {
                        setter = pc;
                    }
                }
                case OP_JMP -> {
                    int offset = (i >>> 14) - 131071;
                    int dest = pc + 1 + offset;
                    if (pc < dest && dest <= lastpc) {
                        pc += offset;
                    }
                }
                case OP_TEST -> {
                    if (reg == a) {
                        setter = pc;
                    }
                }
                default -> {
                    if (SETS_A[op] && reg == a) {
                        setter = pc;
                    }
                }
            }
        }
        return setter;
    }
}
