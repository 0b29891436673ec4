package dev.trib.node.command.scripting;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Puts Lua 5.1's argument checks in front of LuaJ's standard library functions, so a script passing the wrong
 * arguments gets Lua 5.1's error ("bad argument #1 to 'rep' (string expected, got no value)") rather than LuaJ's
 * ("bad argument: string expected, got nil"). Each function's arguments are described by one letter each:
 * {@code s} string (a number passes), {@code n} number (a numeric string passes), {@code t} table, {@code f}
 * function, {@code a} any value but none, lower case required and upper case optional; a trailing {@code +} repeats
 * the last letter for every further argument. Also adds the 5.1 functions LuaJ lacks (table.maxn, foreach,
 * foreachi, setn, math.log10) and a string.rep that does not fail on a negative count.
 */
final class Lua51Checks {
    private static final Pattern NUMBERED = Pattern.compile("bad argument #(\\d+): (.*)", Pattern.DOTALL);

    private Lua51Checks() {
    }

    static void install(LuaTable globals) {
        LuaTable string = (LuaTable) globals.get("string");
        LuaTable table = (LuaTable) globals.get("table");
        LuaTable math = (LuaTable) globals.get("math");
        LuaTable coroutine = (LuaTable) globals.get("coroutine");
        string.rawset("rep", fn(Lua51Checks::rep));
        table.rawset("maxn", fn(Lua51Checks::maxn));
        table.rawset("foreach", fn(a -> foreach(a, false)));
        table.rawset("foreachi", fn(a -> foreach(a, true)));
        table.rawset("setn", fn(a -> {
            LuaArgs.checkTable(a, 1, "setn");
            throw new LuaError("'setn' is obsolete");
        }));
        math.rawset("log10", fn(a -> LuaValue.valueOf(Math.log10(LuaArgs.checkNumber(a, 1, "log10")))));
        wrap(string, "byte", "sNN");
        wrap(string, "char", "N+");
        wrap(string, "find", "ssN");
        wrap(string, "format", "s");
        wrap(string, "gmatch", "ss");
        wrap(string, "gfind", "ss");
        wrap(string, "gsub", "ss");
        wrap(string, "len", "s");
        wrap(string, "lower", "s");
        wrap(string, "upper", "s");
        wrap(string, "match", "ssN");
        wrap(string, "reverse", "s");
        wrap(string, "sub", "snN");
        table.rawset("concat", fn(Lua51Checks::concat));
        table.rawset("insert", fn(Lua51Checks::insert));
        table.rawset("remove", fn(Lua51Checks::remove));
        table.rawset("sort", fn(Lua51Checks::sort));
        wrap(table, "getn", "t");
        for (String f : new String[] {"abs", "ceil", "floor", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan",
            "exp", "log", "deg", "rad", "cosh", "sinh", "tanh", "frexp", "modf", "randomseed"}) {
            wrap(math, f, "n");
        }
        for (String f : new String[] {"atan2", "fmod", "mod", "pow", "ldexp"}) {
            wrap(math, f, "nn");
        }
        wrap(math, "max", "n+");
        wrap(math, "min", "n+");
        wrap(globals, "getmetatable", "a");
        wrap(globals, "ipairs", "t");
        wrap(globals, "pairs", "t");
        wrap(globals, "next", "t");
        wrap(globals, "rawequal", "aa");
        wrap(globals, "rawget", "ta");
        wrap(globals, "rawset", "taa");
        wrap(globals, "select", "a");
        wrap(globals, "setmetatable", "t");
        LuaValue tostring = globals.rawget("tostring");
        globals.rawset("tostring", fn(a -> {
            if (a.narg() == 0) {
                throw LuaArgs.argError(1, "tostring", "value expected");
            }
            LuaValue v = a.arg1();
            return v.type() == LuaValue.TNUMBER ? LuaValue.valueOf(LuaArgs.numberString(v.todouble()))
                    : tostring.invoke(a);
        }));
        globals.rawset("tonumber", fn(Lua51Checks::tonumber));
        wrap(globals, "type", "a");
        wrap(globals, "unpack", "tNN");
        wrap(globals, "pcall", "a");
        wrap(globals, "xpcall", "aa");
        wrap(globals, "loadstring", "sS");
        wrap(globals, "assert", "a");
        wrap(coroutine, "resume", "");
        wrap(coroutine, "status", "");
        LuaTable bit = (LuaTable) globals.get("bit");
        for (String f : new String[] {"tobit", "bnot", "bswap"}) {
            wrap(bit, f, "n");
        }
        for (String f : new String[] {"band", "bor", "bxor"}) {
            wrap(bit, f, "n+");
        }
        for (String f : new String[] {"lshift", "rshift", "arshift", "rol", "ror"}) {
            wrap(bit, f, "nn");
        }
        wrap(bit, "tohex", "nN");
        wrap((LuaTable) globals.get("cjson"), "decode", "s");
    }

    /** Replaces t[name] with a function checking its arguments first. */
    private static void wrap(LuaTable t, String function, String spec) {
        LuaValue target = t.rawget(function);
        if (!target.isfunction()) {
            return;
        }
        // (LibFunction has a field "name": the function's name is captured under another.)
        t.rawset(function, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Varargs a = check(args, function, spec);
                special(a, function);
                try {
                    Varargs r = target.invoke(a);
                    return function.equals("gmatch") || function.equals("gfind") ? patternChecked(r.arg1()) : r;
                } catch (LuaError e) {
                    throw reworded(e, function);
                } catch (ArrayIndexOutOfBoundsException e) {
                    throw malformedPattern(function, e);
                }
            }
        });
    }

    /** Checks the arguments; returns them with numbers given for strings written as Lua 5.1 writes them. */
    private static Varargs check(Varargs a, String name, String spec) {
        LuaValue[] converted = null;
        int n = spec.length();
        boolean repeat = n > 0 && spec.charAt(n - 1) == '+';
        if (repeat) {
            n--;
        }
        int last = repeat ? Math.max(a.narg(), n) : n;
        for (int i = 1; i <= last; i++) {
            char kind = spec.charAt(Math.min(i, n) - 1);
            boolean optional = Character.isUpperCase(kind);
            LuaValue v = a.arg(i);
            if (optional && v.isnil()) {
                continue;
            }
            switch (Character.toLowerCase(kind)) {
                case 's' -> {
                    LuaString str = LuaArgs.checkString(a, i, name);
                    if (v.type() == LuaValue.TNUMBER) {
                        if (converted == null) {
                            converted = new LuaValue[a.narg()];
                            for (int j = 0; j < converted.length; j++) {
                                converted[j] = a.arg(j + 1);
                            }
                        }
                        converted[i - 1] = str;
                    }
                }
                case 'n' -> LuaArgs.checkNumber(a, i, name);
                case 't' -> LuaArgs.checkTable(a, i, name);
                case 'f' -> LuaArgs.checkType(a, i, name, LuaValue.TFUNCTION, "function");
                default -> {
                    if (i > a.narg()) {
                        throw LuaArgs.argError(i, name, "value expected");
                    }
                }
            }
        }
        return converted == null ? a : LuaValue.varargsOf(converted);
    }

    /** The checks a letter cannot say. */
    private static void special(Varargs a, String name) {
        switch (name) {
            case "setmetatable" -> {
                int t = a.arg(2).type();
                if (t != LuaValue.TNIL && t != LuaValue.TTABLE) {
                    throw LuaArgs.argError(2, name, "nil or table expected");
                }
            }
            case "assert" -> {
                if (!a.arg1().toboolean()) {
                    // luaL_error: the message (2nd argument, a string) gets the caller's position.
                    throw new LuaError(a.isnoneornil(2) ? "assertion failed!"
                            : LuaArgs.checkString(a, 2, name).tojstring());
                }
            }
            case "resume", "status" -> {
                if (a.arg1().type() != LuaValue.TTHREAD) {
                    throw LuaArgs.argError(1, name, "coroutine expected");
                }
            }
            case "select" -> {
                LuaValue n = a.arg1();
                if (!(n.type() == LuaValue.TSTRING && n.tojstring().startsWith("#"))) {
                    LuaArgs.checkNumber(a, 1, name);
                }
            }
            case "gsub" -> {
                int t = a.arg(3).type();
                if (t != LuaValue.TNUMBER && t != LuaValue.TSTRING && t != LuaValue.TFUNCTION
                        && t != LuaValue.TTABLE) {
                    throw LuaArgs.argError(3, name, "string/function/table expected");
                }
                if (!a.isnoneornil(4)) {
                    LuaArgs.checkNumber(a, 4, name);
                }
            }
            default -> {
            }
        }
    }

    /**
     * LuaJ's pattern matcher runs off the pattern's end on a set without its ']' ("[a"), where Lua 5.1 raises
     * "malformed pattern (missing ']')" (when the match reaches it, as here).
     */
    private static RuntimeException malformedPattern(String function, ArrayIndexOutOfBoundsException e) {
        if (function.equals("find") || function.equals("match") || function.equals("gsub")
                || function.equals("gmatch") || function.equals("gfind")) {
            return new LuaError("malformed pattern (missing ']')");
        }
        return e;
    }

    /** gmatch's iterator, with the same check as the matching functions. */
    private static LuaValue patternChecked(LuaValue iterator) {
        return fn(a -> {
            try {
                return iterator.invoke(a);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw malformedPattern("gmatch", e);
            }
        });
    }

    /** LuaJ's "bad argument #2: msg" in Lua 5.1's words; errors raised inside C functions lose their position. */
    private static LuaError reworded(LuaError e, String name) {
        LuaValue object = e.getMessageObject();
        if (object == null || object.type() != LuaValue.TSTRING || e instanceof LuaEngine.ValueError) {
            return e;
        }
        String m = object.tojstring();
        Matcher numbered = NUMBERED.matcher(m);
        if (numbered.matches()) {
            return LuaArgs.argError(Integer.parseInt(numbered.group(1)), name, numbered.group(2));
        }
        if (m.equals("invalid key to 'next'")) {
            return new LuaEngine.ValueError(LuaValue.valueOf(m));
        }
        return e;
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
     * Lua 5.1's tonumber: in base 10 a number, or a string strtod reads whole (spaces around it allowed, hex,
     * inf and nan included); in another base (2 to 36) a string strtoul reads whole; else nil.
     */
    private static Varargs tonumber(Varargs a) {
        long base = LuaArgs.optInteger(a, 2, "tonumber", 10);
        if (base == 10) {
            if (a.narg() == 0) {
                throw LuaArgs.argError(1, "tonumber", "value expected");
            }
            LuaValue v = a.arg1();
            if (v.type() == LuaValue.TNUMBER) {
                return v;
            }
            if (v.type() != LuaValue.TSTRING) {
                return LuaValue.NIL;
            }
            Double d = decimal(LuaReplies.latin1(v.checkstring()));
            return d == null ? LuaValue.NIL : LuaValue.valueOf(d);
        }
        String s = LuaReplies.latin1(LuaArgs.checkString(a, 1, "tonumber"));
        if (base < 2 || base > 36) {
            throw LuaArgs.argError(2, "tonumber", "base out of range");
        }
        Double d = unsigned(s, (int) base);
        return d == null ? LuaValue.NIL : LuaValue.valueOf(d);
    }

    private static boolean space(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** luaO_str2d: strtod over the whole string but surrounding white space. */
    private static Double decimal(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && space(s.charAt(i))) {
            i++;
        }
        int end = n;
        while (end > i && space(s.charAt(end - 1))) {
            end--;
        }
        String body = s.substring(i, end);
        boolean negative = body.startsWith("-");
        String unsigned = body.startsWith("-") || body.startsWith("+") ? body.substring(1) : body;
        String lower = unsigned.toLowerCase(java.util.Locale.ROOT);
        double value;
        if (lower.equals("inf") || lower.equals("infinity")) {
            value = Double.POSITIVE_INFINITY;
        } else if (lower.equals("nan")) {
            value = Double.NaN;
        } else {
            double[] out = new double[1];
            if (unsigned.isEmpty() || org.luaj.vm2.compiler.Lua51LexState.strtod(unsigned, out) != unsigned.length()) {
                return null;
            }
            value = out[0];
        }
        return negative ? -value : value;
    }

    /** strtoul in a base, over the whole string but surrounding white space (values past 2^64 saturate). */
    private static Double unsigned(String s, int base) {
        String body = s.strip();
        boolean negative = body.startsWith("-");
        if (negative || body.startsWith("+")) {
            body = body.substring(1);
        }
        if (base == 16 && (body.startsWith("0x") || body.startsWith("0X")) && body.length() > 2) {
            body = body.substring(2);
        }
        if (body.isEmpty()) {
            return null;
        }
        java.math.BigInteger v;
        try {
            v = new java.math.BigInteger(body, base);
        } catch (NumberFormatException e) {
            return null;
        }
        if (v.bitLength() > 64) {
            v = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
        }
        long bits = v.longValue();
        if (negative) {
            bits = -bits;
        }
        return bits >= 0 ? (double) bits : ((double) ((bits >>> 1) | (bits & 1))) * 2.0;
    }

    /** Lua 5.1's string.rep: a count below one gives the empty string. */
    private static Varargs rep(Varargs a) {
        LuaString s = LuaArgs.checkString(a, 1, "rep");
        long n = (int) LuaArgs.checkInteger(a, 2, "rep");
        if (n <= 0 || s.length() == 0) {
            return LuaValue.EMPTYSTRING;
        }
        long total = n * s.length();
        if (total > Integer.MAX_VALUE - 8) {
            throw new LuaEngine.ValueError(LuaValue.valueOf("not enough memory"));
        }
        byte[] one = LuaReplies.bytes(s);
        byte[] out = new byte[(int) total];
        for (int i = 0; i < n; i++) {
            System.arraycopy(one, 0, out, i * one.length, one.length);
        }
        return LuaString.valueOf(out);
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

    private interface Body {
        Varargs apply(Varargs args);
    }

    private static VarArgFunction fn(Body body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }
}
