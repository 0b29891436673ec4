package dev.trib.node.command.scripting;

import static dev.trib.node.command.scripting.LuaFunctions.fn;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.1's table library where LuaJ's (5.2's) differs: insert, remove, concat and sort as ltablib.c does them (over
 * rawget/rawset, so on any table), with their argument errors; maxn, foreach, foreachi and setn, which 5.2 dropped.
 */
final class Lua51TableLib {
    private Lua51TableLib() {
    }

    static void install(LuaTable table) {
        table.rawset("insert", fn(Lua51TableLib::insert));
        table.rawset("remove", fn(Lua51TableLib::remove));
        table.rawset("concat", fn(Lua51TableLib::concat));
        table.rawset("sort", fn(Lua51TableLib::sort));
        table.rawset("maxn", fn(Lua51TableLib::maxn));
        table.rawset("foreach", fn(a -> foreach(a, false)));
        table.rawset("foreachi", fn(a -> foreach(a, true)));
        table.rawset("setn", fn(a -> {
            LuaArgs.checkTable(a, 1, "setn");
            throw new LuaError("'setn' is obsolete");
        }));
    }

    /**
     * Lua 5.1's unpack (a base function there): t[i] to t[j], at most what a C function's stack holds with its
     * arguments (LUAI_MAXCSTACK, 8000), else "too many results to unpack".
     */
    static Varargs unpack(Varargs a) {
        LuaTable t = LuaArgs.checkTable(a, 1, "unpack");
        long i = LuaArgs.optInteger(a, 2, "unpack", 1);
        long e = a.isnoneornil(3) ? t.length() : LuaArgs.checkInteger(a, 3, "unpack");
        if (i > e) {
            return LuaValue.NONE;
        }
        long n = e - i + 1;
        if (n <= 0 || n + a.narg() > 8000) {
            throw new LuaError("too many results to unpack");
        }
        LuaValue[] values = new LuaValue[(int) n];
        for (int k = 0; k < n; k++) {
            values[k] = t.rawget((int) (i + k));
        }
        return LuaValue.varargsOf(values);
    }

    /** Lua 5.1's table.insert (tinsert): t[#t+1] = v, or v at pos after moving t[pos..] up one. */
    private static Varargs insert(Varargs a) {
        LuaTable t = LuaArgs.checkTable(a, 1, "insert");
        int e = t.length() + 1;
        int pos;
        switch (a.narg()) {
            case 2 -> pos = e;
            case 3 -> {
                pos = (int) LuaArgs.checkInteger(a, 2, "insert");
                if (pos > e) {
                    e = pos;
                }
                for (int i = e; i > pos; i--) {
                    t.rawset(i, t.rawget(i - 1));
                }
            }
            default -> throw new LuaError("wrong number of arguments to 'insert'");
        }
        t.rawset(pos, a.arg(a.narg()));
        return LuaValue.NONE;
    }

    /** Lua 5.1's table.remove (tremove): t[pos], the elements above moved down, t[#t] = nil. */
    private static Varargs remove(Varargs a) {
        LuaTable t = LuaArgs.checkTable(a, 1, "remove");
        int e = t.length();
        int pos = (int) LuaArgs.optInteger(a, 2, "remove", e);
        if (pos < 1 || pos > e) {
            return LuaValue.NONE; // outside the bounds: nothing removed
        }
        LuaValue result = t.rawget(pos);
        for (; pos < e; pos++) {
            t.rawset(pos, t.rawget(pos + 1));
        }
        t.rawset(e, LuaValue.NIL);
        return result;
    }

    /** Lua 5.1's table.concat: strings and numbers (as Lua writes them) from t[i] to t[j], joined by sep. */
    private static Varargs concat(Varargs a) {
        LuaTable t = LuaArgs.checkTable(a, 1, "concat");
        byte[] sep = a.isnoneornil(2) ? new byte[0] : LuaReplies.bytes(LuaArgs.checkString(a, 2, "concat"));
        long i = LuaArgs.optInteger(a, 3, "concat", 1);
        long j = a.isnoneornil(4) ? t.length() : LuaArgs.checkInteger(a, 4, "concat");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long k = i; k <= j; k++) {
            LuaValue v = t.rawget((int) k);
            if (v.type() == LuaValue.TSTRING) {
                out.writeBytes(LuaReplies.bytes(v.checkstring()));
            } else if (v.type() == LuaValue.TNUMBER) {
                out.writeBytes(LuaArgs.numberString(v.todouble()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                throw new LuaError("invalid value (" + v.typename() + ") at index " + k + " in table for 'concat'");
            }
            if (k != j) {
                out.writeBytes(sep);
            }
        }
        return LuaString.valueOf(out.toByteArray());
    }

    /**
     * Lua 5.1's table.sort, step for step (its quicksort: median of three, the pivot parked at u-1), so elements
     * that compare equal end in the same order as in redis-server, and an invalid comparison fails on the same pair:
     * "attempt to compare number with nil", raised inside the C function, so without a position.
     */
    private static Varargs sort(Varargs a) {
        LuaTable t = LuaArgs.checkTable(a, 1, "sort");
        LuaValue comp = LuaValue.NIL;
        if (!a.isnoneornil(2)) {
            comp = LuaArgs.checkType(a, 2, "sort", LuaValue.TFUNCTION, "function");
        }
        new Sorter(t, comp).sort(1, t.length());
        return LuaValue.NONE;
    }

    private static final class Sorter {
        private final LuaTable t;
        private final LuaValue comp;

        Sorter(LuaTable t, LuaValue comp) {
            this.t = t;
            this.comp = comp;
        }

        private boolean less(LuaValue x, LuaValue y) {
            if (!comp.isnil()) {
                return comp.call(x, y).toboolean();
            }
            int tx = x.type();
            if (tx != y.type()) {
                throw new LuaEngine.ValueError(LuaValue.valueOf(Lua51Errors.orderError(x, y)));
            }
            if (tx == LuaValue.TNUMBER) {
                return x.todouble() < y.todouble();
            }
            if (tx == LuaValue.TSTRING) {
                return x.checkstring().strcmp(y.checkstring()) < 0;
            }
            LuaValue h = metaLt(x);
            if (h.isnil() || !h.raweq(metaLt(y))) {
                throw new LuaEngine.ValueError(LuaValue.valueOf(Lua51Errors.orderError(x, y)));
            }
            return h.call(x, y).toboolean();
        }

        private static LuaValue metaLt(LuaValue v) {
            LuaValue m = v.getmetatable();
            return m != null && m.istable() ? m.rawget(LuaValue.LT) : LuaValue.NIL;
        }

        private LuaValue get(int i) {
            return t.rawget(i);
        }

        private void swap(int i, int j) {
            LuaValue x = t.rawget(i);
            t.rawset(i, t.rawget(j));
            t.rawset(j, x);
        }

        void sort(int l, int u) {
            while (l < u) {
                if (less(get(u), get(l))) {
                    swap(l, u);
                }
                if (u - l == 1) {
                    break;
                }
                int i = (l + u) / 2;
                if (less(get(i), get(l))) {
                    swap(i, l);
                } else if (less(get(u), get(i))) {
                    swap(i, u);
                }
                if (u - l == 2) {
                    break;
                }
                LuaValue pivot = get(i);
                swap(i, u - 1);
                i = l;
                int j = u - 1;
                while (true) {
                    while (less(get(++i), pivot)) {
                        if (i > u) {
                            throw new LuaError("invalid order function for sorting");
                        }
                    }
                    while (less(pivot, get(--j))) {
                        if (j < l) {
                            throw new LuaError("invalid order function for sorting");
                        }
                    }
                    if (j < i) {
                        break;
                    }
                    swap(i, j);
                }
                swap(u - 1, i);
                if (i - l < u - i) {
                    j = l;
                    i = i - 1;
                    l = i + 2;
                } else {
                    j = i + 1;
                    i = u;
                    u = j - 2;
                }
                sort(j, i);
            }
        }
    }

    /** table.maxn: the largest positive numeric key, 0 when none. */
    private static Varargs maxn(Varargs a) {
        LuaTable t = LuaArgs.checkTable(a, 1, "maxn");
        double max = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            if (k.type() == LuaValue.TNUMBER && k.todouble() > max) {
                max = k.todouble();
            }
        }
        return LuaValue.valueOf(max);
    }

    /** table.foreach / foreachi: calls f(k, v) until it returns non-nil, which is returned. */
    private static Varargs foreach(Varargs a, boolean indexed) {
        String name = indexed ? "foreachi" : "foreach";
        LuaTable t = LuaArgs.checkTable(a, 1, name);
        LuaValue f = LuaArgs.checkType(a, 2, name, LuaValue.TFUNCTION, "function");
        if (indexed) {
            int n = t.length();
            for (int i = 1; i <= n; i++) {
                LuaValue r = f.call(LuaValue.valueOf(i), t.get(i));
                if (!r.isnil()) {
                    return r;
                }
            }
            return LuaValue.NONE;
        }
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                return LuaValue.NONE;
            }
            LuaValue r = f.call(k, n.arg(2));
            if (!r.isnil()) {
                return r;
            }
        }
    }

}
