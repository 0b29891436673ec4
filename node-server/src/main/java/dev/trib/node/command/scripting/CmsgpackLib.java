package dev.trib.node.command.scripting;

import static dev.trib.node.command.scripting.LuaFunctions.fn;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code cmsgpack} library Redis loads (lua-cmsgpack 0.4.0 as Redis builds it for Lua 5.1 on a 64-bit machine):
 * pack of any number of values into one stream; unpack, unpack_one and unpack_limit. Its rules, which decide the
 * bytes: a number equal to a 64-bit integer is packed as the smallest integer form, any other as a float when the
 * float holds it exactly, else a double; a table whose keys are exactly 1..n is an array, any other a map (an empty
 * table an empty array); tables nested 16 deep, functions, userdata and nil are nil; strings are raw (fixstr, str8,
 * str16, str32). Every number unpacks as a Lua number (a uint64 above 2^63 as the negative int64 it casts to).
 * Maps list their keys in the table's iteration order (Lua 5.1's, see {@link Lua51Table}).
 */
final class CmsgpackLib {
    /** Tables nested deeper are packed as nil, so a table holding itself packs. */
    private static final int MAX_NESTING = 16;
    /** Lua 5.1's LUAI_MAXCSTACK: a C function's stack slots, which unpacking many values runs out of. */
    private static final int MAX_C_STACK = 8000;
    private static final long NATIVE_NAN = 0xfff8000000000000L;

    private CmsgpackLib() {
    }

    static LuaTable create() {
        LuaTable t = new LuaTable();
        t.rawset("pack", fn(CmsgpackLib::pack));
        t.rawset("unpack", fn(a -> unpack(a, "unpack", 0, 0)));
        t.rawset("unpack_one", fn(a -> {
            long offset = LuaArgs.optInteger(a, 2, "unpack_one", 0);
            return unpack(a.narg() == 0 ? LuaValue.NONE : a.arg1(), "unpack_one", 1, offset);
        }));
        t.rawset("unpack_limit", fn(a -> {
            long limit = LuaArgs.checkInteger(a, 2, "unpack_limit");
            long offset = LuaArgs.optInteger(a, 3, "unpack_limit", 0);
            return unpack(a.narg() == 0 ? LuaValue.NONE : a.arg1(), "unpack_limit", limit, offset);
        }));
        t.rawset("_NAME", LuaValue.valueOf("cmsgpack"));
        t.rawset("_VERSION", LuaValue.valueOf("lua-cmsgpack 0.4.0"));
        t.rawset("_COPYRIGHT", LuaValue.valueOf("Copyright (C) 2012, Salvatore Sanfilippo"));
        t.rawset("_DESCRIPTION", LuaValue.valueOf("MessagePack C implementation for Lua"));
        return t;
    }

    // ---- packing

    private static Varargs pack(Varargs a) {
        int n = a.narg();
        if (n == 0) {
            throw LuaArgs.argError(0, "pack", "MessagePack pack needs input.");
        }
        if (n + n > MAX_C_STACK) {
            throw LuaArgs.argError(0, "pack", "Too many arguments for MessagePack pack.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= n; i++) {
            encode(a.arg(i), out, 0);
        }
        return LuaString.valueOf(out.toByteArray());
    }

    private static void encode(LuaValue v, ByteArrayOutputStream out, int level) {
        switch (v.type()) {
            case LuaValue.TSTRING -> string(LuaReplies.bytes(v.checkstring()), out);
            case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xc3 : 0xc2);
            case LuaValue.TNUMBER -> number(v.todouble(), out);
            case LuaValue.TTABLE -> {
                if (level == MAX_NESTING) {
                    out.write(0xc0);
                } else {
                    table((LuaTable) v, out, level);
                }
            }
            default -> out.write(0xc0);
        }
    }

    private static void string(byte[] s, ByteArrayOutputStream out) {
        int len = s.length;
        if (len < 32) {
            out.write(0xa0 | len);
        } else if (len <= 0xff) {
            out.write(0xd9);
            out.write(len);
        } else if (len <= 0xffff) {
            out.write(0xda);
            be(out, len, 2);
        } else {
            out.write(0xdb);
            be(out, len, 4);
        }
        out.write(s, 0, len);
    }

    private static void number(double d, ByteArrayOutputStream out) {
        if (!Double.isInfinite(d) && !Double.isNaN(d) && LuaArgs.toInteger(d) == d) {
            integer(LuaArgs.toInteger(d), out);
            return;
        }
        float f = (float) d;
        if (d == (double) f) {
            out.write(0xca);
            be(out, Float.floatToRawIntBits(f), 4);
        } else {
            // LuaJ's 0/0 is Java's NaN; C Lua's is the x86 default NaN, which carries the sign bit.
            long bits = Double.doubleToRawLongBits(d);
            out.write(0xcb);
            be(out, bits == 0x7ff8000000000000L ? NATIVE_NAN : bits, 8);
        }
    }

    private static void integer(long n, ByteArrayOutputStream out) {
        if (n >= 0) {
            if (n <= 127) {
                out.write((int) n);
            } else if (n <= 0xff) {
                out.write(0xcc);
                out.write((int) n);
            } else if (n <= 0xffff) {
                out.write(0xcd);
                be(out, n, 2);
            } else if (n <= 0xffffffffL) {
                out.write(0xce);
                be(out, n, 4);
            } else {
                out.write(0xcf);
                be(out, n, 8);
            }
        } else if (n >= -32) {
            out.write((int) n & 0xff);
        } else if (n >= -128) {
            out.write(0xd0);
            out.write((int) n & 0xff);
        } else if (n >= -32768) {
            out.write(0xd1);
            be(out, n, 2);
        } else if (n >= Integer.MIN_VALUE) {
            out.write(0xd2);
            be(out, n, 4);
        } else {
            out.write(0xd3);
            be(out, n, 8);
        }
    }

    private static void be(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static void table(LuaTable t, ByteArrayOutputStream out, int level) {
        List<LuaValue> keys = new ArrayList<>();
        boolean array = true;
        long max = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            keys.add(k);
            if (array) {
                // An array index is a positive number equal to a C int.
                double d = k.type() == LuaValue.TNUMBER ? k.todouble() : 0;
                if (d <= 0 || d > Integer.MAX_VALUE || d != Math.floor(d)) {
                    array = false;
                } else {
                    max = Math.max(max, (long) d);
                }
            }
        }
        if (array && max == keys.size()) {
            header(out, keys.size(), 0x90, 0xdc, 0xdd);
            for (int i = 1; i <= max; i++) {
                encode(t.get(i), out, level + 1);
            }
            return;
        }
        header(out, keys.size(), 0x80, 0xde, 0xdf);
        for (LuaValue key : keys) {
            encode(key, out, level + 1);
            encode(t.rawget(key), out, level + 1);
        }
    }

    private static void header(ByteArrayOutputStream out, int n, int fix, int sixteen, int thirtyTwo) {
        if (n <= 15) {
            out.write(fix | n);
        } else if (n <= 0xffff) {
            out.write(sixteen);
            be(out, n, 2);
        } else {
            out.write(thirtyTwo);
            be(out, n, 4);
        }
    }

    // ---- unpacking

    /**
     * Decodes up to {@code limit} values from {@code offset} (both 0: every value, and no offset returned); with a
     * limit or an offset, the first result is the offset of the next value, or -1 at the end.
     */
    private static Varargs unpack(Varargs a, String function, long limit, long offset) {
        byte[] s = LuaReplies.bytes(LuaArgs.checkString(a, 1, function));
        int len = s.length;
        if (offset < 0 || limit < 0) {
            // lua-cmsgpack prints the input's length where it means the limit.
            throw new LuaError("Invalid request to unpack with offset of " + (int) offset + " and limit of " + len
                    + ".");
        }
        if (offset > len) {
            throw new LuaError("Start offset " + (int) offset + " greater than input length " + len + ".");
        }
        boolean all = limit == 0 && offset == 0;
        if (all) {
            limit = Integer.MAX_VALUE;
        }
        Cursor c = new Cursor(s, (int) offset);
        // The C function's stack holds its arguments (one, when given a limit or an offset) and then its results.
        int used = all ? a.narg() : 1;
        List<LuaValue> results = new ArrayList<>();
        for (long count = 0; c.pos < len && count < limit; count++) {
            results.add(c.value(used + results.size()));
        }
        if (!all) {
            results.add(0, LuaValue.valueOf(c.pos == len ? -1 : c.pos));
        }
        return LuaValue.varargsOf(results.toArray(new LuaValue[0]));
    }

    private static final class Cursor {
        private final byte[] s;
        private int pos;

        Cursor(byte[] s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        private void need(long n) {
            if (s.length - pos < n) {
                throw new LuaError("Missing bytes in input.");
            }
        }

        private int u8(int at) {
            return s[pos + at] & 0xff;
        }

        private long be(int at, int bytes) {
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = v << 8 | u8(at + i);
            }
            return v;
        }

        /** One value; {@code used} is how many stack slots the C decoder would hold before pushing it. */
        LuaValue value(int used) {
            need(1);
            if (used + 1 > MAX_C_STACK) {
                throw new LuaError("stack overflow (too many return values at once; use unpack_one or unpack_limit "
                        + "instead.)");
            }
            int b = u8(0);
            switch (b) {
                case 0xcc:
                    need(2);
                    return fixed(2, u8(1));
                case 0xd0:
                    need(2);
                    return fixed(2, (byte) u8(1));
                case 0xcd:
                    need(3);
                    return fixed(3, be(1, 2));
                case 0xd1:
                    need(3);
                    return fixed(3, (short) be(1, 2));
                case 0xce:
                    need(5);
                    return fixed(5, be(1, 4));
                case 0xd2:
                    need(5);
                    return fixed(5, (int) be(1, 4));
                case 0xcf:
                case 0xd3:
                    need(9);
                    return fixed(9, be(1, 8)); // a uint64 is pushed as a signed Lua integer
                case 0xc0:
                    pos++;
                    return LuaValue.NIL;
                case 0xc3:
                    pos++;
                    return LuaValue.TRUE;
                case 0xc2:
                    pos++;
                    return LuaValue.FALSE;
                case 0xca: {
                    need(5);
                    double d = Float.intBitsToFloat((int) be(1, 4));
                    pos += 5;
                    return LuaValue.valueOf(d);
                }
                case 0xcb: {
                    need(9);
                    double d = Double.longBitsToDouble(be(1, 8));
                    pos += 9;
                    return LuaValue.valueOf(d);
                }
                case 0xd9:
                    need(2);
                    return raw(2, u8(1));
                case 0xda:
                    need(3);
                    return raw(3, be(1, 2));
                case 0xdb:
                    need(5);
                    return raw(5, be(1, 4));
                case 0xdc:
                    need(3);
                    return array(3, be(1, 2), used);
                case 0xdd:
                    need(5);
                    return array(5, be(1, 4), used);
                case 0xde:
                    need(3);
                    return map(3, be(1, 2), used);
                case 0xdf:
                    need(5);
                    return map(5, be(1, 4), used);
                default:
                    if ((b & 0x80) == 0) {
                        return fixed(1, b);
                    } else if ((b & 0xe0) == 0xe0) {
                        return fixed(1, (byte) b);
                    } else if ((b & 0xe0) == 0xa0) {
                        return raw(1, b & 0x1f);
                    } else if ((b & 0xf0) == 0x90) {
                        return array(1, b & 0xf, used);
                    } else if ((b & 0xf0) == 0x80) {
                        return map(1, b & 0xf, used);
                    }
                    throw new LuaError("Bad data format in input.");
            }
        }

        private LuaValue fixed(int size, long v) {
            need(size);
            pos += size;
            return LuaValue.valueOf((double) v);
        }

        private LuaValue raw(int header, long len) {
            pos += header;
            need(len);
            LuaString v = LuaString.valueOf(java.util.Arrays.copyOfRange(s, pos, pos + (int) len));
            pos += (int) len;
            return v;
        }

        private LuaValue array(int header, long len, int used) {
            pos += header;
            LuaTable t = new Lua51Table(0, 0);
            if (used + 2 > MAX_C_STACK) {
                throw new LuaError("stack overflow (in function mp_decode_to_lua_array)");
            }
            for (long i = 1; i <= len; i++) {
                LuaValue v = value(used + 2); // the table and the index are on the stack
                if (!v.isnil()) {
                    t.rawset((int) i, v);
                }
            }
            return t;
        }

        private LuaValue map(int header, long len, int used) {
            pos += header;
            LuaTable t = new Lua51Table(0, 0);
            for (long i = 0; i < len; i++) {
                LuaValue k = value(used + 1);
                LuaValue v = value(used + 2);
                // Lua's own error from lua_settable, raised inside the C function: no position.
                if (k.isnil()) {
                    throw new LuaEngine.ValueError(LuaValue.valueOf("table index is nil"));
                }
                if (k.type() == LuaValue.TNUMBER && Double.isNaN(k.todouble())) {
                    throw new LuaEngine.ValueError(LuaValue.valueOf("table index is NaN"));
                }
                t.rawset(k, v);
            }
            return t;
        }
    }

}
