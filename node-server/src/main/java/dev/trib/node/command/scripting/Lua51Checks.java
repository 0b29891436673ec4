package dev.trib.node.command.scripting;

import static dev.trib.node.command.scripting.LuaFunctions.fn;

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
 * the last letter for every further argument. Also Lua 5.1's tostring and tonumber, math.log10 (which LuaJ lacks),
 * a string.rep that does not fail on a negative count, and the table library of {@link Lua51TableLib}.
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
        Lua51TableLib.install(table);
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
        globals.rawset("unpack", fn(Lua51TableLib::unpack));
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

}
