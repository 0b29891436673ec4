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
 * The {@code struct} library Redis loads (Roberto Ierusalimschy's struct 1.7, as built on x86-64 Linux): pack,
 * unpack and size of binary records. Format: {@code <} {@code >} endianness (little by default, the machine's),
 * {@code !n} maximum alignment (8 by default once given; none before), {@code b B h H l L T} 1, 1, 2, 2, 8, 8, 8-byte
 * integers (lower case signed), {@code i I} with an optional size up to 32 (4 by default), {@code f d} float and
 * double, {@code s} a zero-terminated string, {@code cn} n characters ({@code c0}: the whole string when packing,
 * the previous number's worth when unpacking), {@code x} a zero byte, spaces ignored. Integers convert and
 * overflow as the C casts do on that machine; unpack's numbers are Lua numbers (doubles).
 */
final class StructLib {
    /** The alignment "!" means without a number: a double's on x86-64. */
    private static final int MAX_ALIGN = 8;
    private static final int MAX_INT_SIZE = 32;
    private static final int MAX_C_STACK = 8000;

    private StructLib() {
    }

    static LuaTable create() {
        LuaTable t = new LuaTable();
        t.rawset("pack", fn(StructLib::pack));
        t.rawset("unpack", fn(StructLib::unpack));
        t.rawset("size", fn(StructLib::size));
        return t;
    }

    /** The format being read, and the options it has set so far. */
    private static final class Format {
        private final byte[] fmt;
        private int at;
        boolean big;
        int align = 1;

        Format(LuaString s) {
            byte[] b = LuaReplies.bytes(s);
            int end = 0;
            while (end < b.length && b[end] != 0) {
                end++; // a C string ends at its first zero
            }
            fmt = java.util.Arrays.copyOf(b, end);
        }

        boolean more() {
            return at < fmt.length;
        }

        /** The next option character, as C's signed char. */
        int next() {
            return fmt[at++];
        }

        private boolean digit() {
            return at < fmt.length && fmt[at] >= '0' && fmt[at] <= '9';
        }

        int number(int dflt) {
            if (!digit()) {
                return dflt;
            }
            int a = 0;
            do {
                int d = fmt[at] - '0';
                if (a > Integer.MAX_VALUE / 10 || a * 10 > Integer.MAX_VALUE - d) {
                    throw new LuaError("integral size overflow");
                }
                a = a * 10 + d;
                at++;
            } while (digit());
            return a;
        }

        /** How many bytes an option takes (0 for those that take none or a variable number). */
        int size(int opt) {
            switch (opt) {
                case 'B', 'b', 'x':
                    return 1;
                case 'H', 'h':
                    return 2;
                case 'L', 'l', 'T', 'd':
                    return 8;
                case 'f':
                    return 4;
                case 'c':
                    return number(1);
                case 'i', 'I': {
                    int size = number(4);
                    if (size > MAX_INT_SIZE) {
                        throw new LuaError("integral size " + size + " is larger than limit of " + MAX_INT_SIZE);
                    }
                    return size;
                }
                default:
                    return 0;
            }
        }

        /** Padding before an item of this size at this position. */
        long toAlign(long len, int opt, int size) {
            if (size == 0 || opt == 'c') {
                return 0;
            }
            long s = Math.min(size, align);
            return (s - (len & (s - 1))) & (s - 1);
        }

        /** The options that set endianness and alignment; anything else is an invalid option. */
        void control(int opt, String function) {
            switch (opt) {
                case ' ' -> {
                }
                case '>' -> big = true;
                case '<' -> big = false;
                case '!' -> {
                    int a = number(MAX_ALIGN);
                    if (a <= 0 || (a & (a - 1)) != 0) {
                        throw new LuaError("alignment " + a + " is not a power of 2");
                    }
                    align = a;
                }
                default -> throw LuaArgs.argError(1, function, "invalid format option '" + (char) (opt & 0xff) + "'");
            }
        }
    }

    // ---- pack

    private static Varargs pack(Varargs args) {
        Format f = new Format(LuaArgs.checkString(args, 1, "pack"));
        // struct.c pushes a nil after its arguments: the first missing value is "nil", the next "no value".
        LuaValue[] values = new LuaValue[args.narg() + 1];
        for (int i = 0; i < args.narg(); i++) {
            values[i] = args.arg(i + 1);
        }
        values[args.narg()] = LuaValue.NIL;
        Varargs a = LuaValue.varargsOf(values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 2;
        long total = 0;
        while (f.more()) {
            int opt = f.next();
            int size = f.size(opt);
            long pad = f.toAlign(total, opt, size);
            total += pad;
            for (long i = 0; i < pad; i++) {
                out.write(0);
            }
            switch (opt) {
                case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
                    double n = LuaArgs.checkNumber(a, arg++, "pack");
                    integer(out, n < 0 ? LuaArgs.toInteger(n) : toUnsigned(n), f.big, size);
                }
                case 'x' -> out.write(0);
                case 'f' -> {
                    float v = (float) nativeNaN(LuaArgs.checkNumber(a, arg++, "pack"));
                    integer(out, Float.floatToRawIntBits(v) & 0xffffffffL, f.big, 4);
                }
                case 'd' -> integer(out, Double.doubleToRawLongBits(nativeNaN(LuaArgs.checkNumber(a, arg++, "pack"))),
                        f.big, 8);
                case 'c', 's' -> {
                    byte[] s = LuaReplies.bytes(LuaArgs.checkString(a, arg++, "pack"));
                    if (size == 0) {
                        size = s.length;
                    }
                    if (s.length < size) {
                        // struct.c checks after moving to the next argument, so names that one.
                        throw LuaArgs.argError(arg, "pack", "string too short");
                    }
                    out.write(s, 0, size);
                    if (opt == 's') {
                        out.write(0);
                        size++;
                    }
                }
                default -> f.control(opt, "pack");
            }
            total += size;
        }
        return LuaString.valueOf(out.toByteArray());
    }

    /** C's double to unsigned long on x86-64 (values from 2^63 through the high-bit path, wrapping past 2^64). */
    private static long toUnsigned(double n) {
        if (n < 0x1p63) {
            return LuaArgs.toInteger(n);
        }
        return LuaArgs.toInteger(n - 0x1p63) ^ Long.MIN_VALUE;
    }

    /** LuaJ's 0/0 is Java's NaN; C Lua's is the x86 default NaN, which carries the sign bit. */
    private static double nativeNaN(double d) {
        return Double.doubleToRawLongBits(d) == 0x7ff8000000000000L ? Double.longBitsToDouble(0xfff8000000000000L) : d;
    }

    private static void integer(ByteArrayOutputStream out, long value, boolean big, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[big ? size - 1 - i : i] = (byte) value;
            value >>>= 8;
        }
        out.write(b, 0, size);
    }

    // ---- unpack

    private static Varargs unpack(Varargs a) {
        Format f = new Format(LuaArgs.checkString(a, 1, "unpack"));
        byte[] data = LuaReplies.bytes(LuaArgs.checkString(a, 2, "unpack"));
        long ld = data.length;
        long pos = LuaArgs.optInteger(a, 3, "unpack", 1);
        if (pos == 0) {
            throw LuaArgs.argError(3, "unpack", "offset must be 1 or greater");
        }
        pos--; // a size_t: a negative offset is a huge one
        int stackBase = a.narg();
        List<LuaValue> results = new ArrayList<>();
        while (f.more()) {
            int opt = f.next();
            long size = f.size(opt);
            pos += f.toAlign(pos, opt, (int) size);
            checkRoom(size, pos, ld);
            if (stackBase + results.size() + 2 > MAX_C_STACK) {
                throw new LuaError("stack overflow (too many results)");
            }
            switch (opt) {
                case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> results.add(LuaValue.valueOf(
                        integer(data, (int) pos, f.big, Character.isLowerCase(opt), (int) size)));
                case 'x' -> {
                }
                case 'f' -> results.add(LuaValue.valueOf(
                        Float.intBitsToFloat((int) read(data, (int) pos, f.big, 4))));
                case 'd' -> results.add(LuaValue.valueOf(Double.longBitsToDouble(read(data, (int) pos, f.big, 8))));
                case 'c' -> {
                    if (size == 0) {
                        LuaValue prev = results.isEmpty() ? LuaValue.NIL : results.get(results.size() - 1).tonumber();
                        if (prev.isnil()) {
                            throw new LuaError("format 'c0' needs a previous size");
                        }
                        size = toSize(prev.todouble());
                        results.remove(results.size() - 1);
                        checkRoom(size, pos, ld);
                    }
                    results.add(LuaString.valueOf(java.util.Arrays.copyOfRange(data, (int) pos, (int) (pos + size))));
                }
                case 's' -> {
                    int end = (int) pos;
                    while (end < ld && data[end] != 0) {
                        end++;
                    }
                    if (end == ld) {
                        throw new LuaError("unfinished string in data");
                    }
                    size = end - pos + 1;
                    results.add(LuaString.valueOf(java.util.Arrays.copyOfRange(data, (int) pos, end)));
                }
                default -> f.control(opt, "unpack");
            }
            pos += size;
        }
        results.add(LuaValue.valueOf((double) (pos + 1)));
        return LuaValue.varargsOf(results.toArray(new LuaValue[0]));
    }

    /** An item of this size fits at this position (both size_t: compared unsigned). */
    private static void checkRoom(long size, long pos, long ld) {
        if (Long.compareUnsigned(size, ld) > 0 || Long.compareUnsigned(pos, ld - size) > 0) {
            throw LuaArgs.argError(2, "unpack", "data string too short");
        }
    }

    /** C's double to size_t, as {@link #toUnsigned} but for a length. */
    private static long toSize(double d) {
        return d < 0 ? LuaArgs.toInteger(d) : toUnsigned(d);
    }

    private static long read(byte[] data, int pos, boolean big, int size) {
        long l = 0;
        for (int i = 0; i < size; i++) {
            l = l << 8 | (data[pos + (big ? i : size - 1 - i)] & 0xff);
        }
        return l;
    }

    private static double integer(byte[] data, int pos, boolean big, boolean signed, int size) {
        long l = read(data, pos, big, size);
        if (!signed) {
            return l >= 0 ? (double) l : ((double) ((l >>> 1) | (l & 1))) * 2.0;
        }
        long mask = -1L << (size * 8 - 1); // the shift count is taken mod 64, as x86's
        if ((l & mask) != 0) {
            l |= mask;
        }
        return (double) l;
    }

    // ---- size

    private static Varargs size(Varargs a) {
        Format f = new Format(LuaArgs.checkString(a, 1, "size"));
        long pos = 0;
        while (f.more()) {
            int opt = f.next();
            int size = f.size(opt);
            pos += f.toAlign(pos, opt, size);
            if (opt == 's') {
                throw LuaArgs.argError(1, "size", "option 's' has no fixed size");
            } else if (opt == 'c' && size == 0) {
                throw LuaArgs.argError(1, "size", "option 'c0' has no fixed size");
            }
            if (!(opt >= '0' && opt <= '9' || opt >= 'a' && opt <= 'z' || opt >= 'A' && opt <= 'Z')) {
                f.control(opt, "size");
            }
            pos += size;
        }
        return LuaValue.valueOf((double) pos);
    }

}
