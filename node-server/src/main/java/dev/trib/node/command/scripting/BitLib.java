package dev.trib.node.command.scripting;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** LuaBitOp's {@code bit} library, which Redis loads: 32-bit operations on numbers, results as signed integers. */
final class BitLib {
    private BitLib() {
    }

    /** LuaBitOp's conversion: round to the nearest integer, keep the low 32 bits. */
    static int tobit(LuaValue v) {
        double d = v.checkdouble();
        return (int) (long) Math.rint(d);
    }

    static LuaTable create() {
        LuaTable t = new LuaTable();
        t.rawset("tobit", fn(a -> tobit(a.arg1())));
        t.rawset("bnot", fn(a -> ~tobit(a.arg1())));
        t.rawset("band", fn(a -> fold(a, 0)));
        t.rawset("bor", fn(a -> fold(a, 1)));
        t.rawset("bxor", fn(a -> fold(a, 2)));
        t.rawset("lshift", fn(a -> tobit(a.arg1()) << (tobit(a.arg(2)) & 31)));
        t.rawset("rshift", fn(a -> tobit(a.arg1()) >>> (tobit(a.arg(2)) & 31)));
        t.rawset("arshift", fn(a -> tobit(a.arg1()) >> (tobit(a.arg(2)) & 31)));
        t.rawset("rol", fn(a -> Integer.rotateLeft(tobit(a.arg1()), tobit(a.arg(2)) & 31)));
        t.rawset("ror", fn(a -> Integer.rotateRight(tobit(a.arg1()), tobit(a.arg(2)) & 31)));
        t.rawset("bswap", fn(a -> Integer.reverseBytes(tobit(a.arg1()))));
        t.rawset("tohex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                int x = tobit(a.arg1());
                int n = a.isnoneornil(2) ? 8 : tobit(a.arg(2));
                boolean upper = n < 0;
                n = Math.min(Math.abs(n), 8);
                String hex = String.format(upper ? "%08X" : "%08x", x);
                return LuaValue.valueOf(hex.substring(8 - n));
            }
        });
        return t;
    }

    private static int fold(Varargs a, int op) {
        int r = tobit(a.arg1());
        for (int i = 2; i <= a.narg(); i++) {
            int v = tobit(a.arg(i));
            r = op == 0 ? r & v : op == 1 ? r | v : r ^ v;
        }
        return r;
    }

    private interface IntOp {
        int apply(Varargs args);
    }

    private static VarArgFunction fn(IntOp op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(op.apply(args));
            }
        };
    }
}
