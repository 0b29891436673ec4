package dev.trib.node.command.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Argument checks for the C libraries Redis loads (cmsgpack, struct), with Lua 5.1's auxiliary library's rules and
 * wording ("bad argument #2 to 'pack' (number expected, got no value)"), which LuaJ's own checks do not use: a
 * number passes as a string (printed with %.14g), a numeric string as a number.
 */
final class LuaArgs {
    private LuaArgs() {
    }

    /** luaL_argerror: the error a C function raises about one of its arguments. */
    static LuaError argError(int arg, String function, String message) {
        return new LuaError("bad argument #" + arg + " to '" + function + "' (" + message + ")");
    }

    private static LuaError typeError(Varargs a, int arg, String function, String expected) {
        String got = arg > a.narg() ? "no value" : a.arg(arg).typename();
        return argError(arg, function, expected + " expected, got " + got);
    }

    /** luaL_checklstring: a string, or a number as Lua 5.1 prints it. */
    static LuaString checkString(Varargs a, int arg, String function) {
        LuaValue v = a.arg(arg);
        if (v.type() == LuaValue.TSTRING) {
            return v.checkstring();
        }
        if (v.type() == LuaValue.TNUMBER) {
            return LuaValue.valueOf(numberString(v.todouble()));
        }
        throw typeError(a, arg, function, "string");
    }

    /** luaL_checktype for a table. */
    static org.luaj.vm2.LuaTable checkTable(Varargs a, int arg, String function) {
        return (org.luaj.vm2.LuaTable) checkType(a, arg, function, LuaValue.TTABLE, "table");
    }

    /** luaL_checktype: a value of exactly this type. */
    static LuaValue checkType(Varargs a, int arg, String function, int type, String typeName) {
        LuaValue v = a.arg(arg);
        if (v.type() != type || arg > a.narg()) {
            throw typeError(a, arg, function, typeName);
        }
        return v;
    }

    /**
     * A number as Lua 5.1 writes it (tostring, "..", string arguments): %.14g; NaN as the x86 C library prints it,
     * "-nan" for LuaJ's 0/0 (Java's NaN), which C Lua computes as the sign-carrying default NaN.
     */
    static String numberString(double d) {
        if (d == (long) d && Math.abs(d) < 1e14 && !(d == 0 && 1 / d < 0)) {
            return Long.toString((long) d);
        }
        if (Double.doubleToRawLongBits(d) == 0x7ff8000000000000L) {
            return "-nan";
        }
        return LuaFormat.floating(d, 'g', "", 14);
    }

    /** luaL_checknumber: a number, or a string that reads as one. */
    static double checkNumber(Varargs a, int arg, String function) {
        LuaValue n = a.arg(arg).tonumber();
        if (n.isnil()) {
            throw typeError(a, arg, function, "number");
        }
        return n.todouble();
    }

    /** luaL_checkinteger: a number truncated toward zero, as C's cast does. */
    static long checkInteger(Varargs a, int arg, String function) {
        return toInteger(checkNumber(a, arg, function));
    }

    /** luaL_optinteger: the default when the argument is absent or nil. */
    static long optInteger(Varargs a, int arg, String function, long dflt) {
        return a.isnoneornil(arg) ? dflt : checkInteger(a, arg, function);
    }

    /** A double converted to a 64-bit integer as x86-64's cvttsd2si does: out of range (and NaN) is Long.MIN_VALUE. */
    static long toInteger(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }
}
