package dev.trib.node.command.scripting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.1's string.format, which hands each directive to C's printf: flags, width and precision apply to every
 * conversion (LuaJ's own format drops some of them), numbers convert as C does.
 */
final class LuaFormat {
    private LuaFormat() {
    }

    static Varargs format(Varargs args) {
        LuaString fmt = args.checkstring(1);
        byte[] f = LuaReplies.bytes(fmt);
        StringBuilder out = new StringBuilder();
        int arg = 1;
        for (int i = 0; i < f.length; i++) {
            char c = (char) (f[i] & 0xff);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= f.length) {
                throw new LuaError("invalid option '%' to 'format'");
            }
            if (f[i] == '%') {
                out.append('%');
                continue;
            }
            int start = i;
            while (i < f.length && "-+ #0".indexOf(f[i]) >= 0) {
                i++;
            }
            String flags = new String(f, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1);
            int width = -1;
            int ws = i;
            while (i < f.length && Character.isDigit(f[i])) {
                i++;
            }
            if (i > ws) {
                width = Integer.parseInt(new String(f, ws, i - ws, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            int precision = -1;
            if (i < f.length && f[i] == '.') {
                i++;
                int ps = i;
                while (i < f.length && Character.isDigit(f[i])) {
                    i++;
                }
                precision = i > ps ? Integer.parseInt(new String(f, ps, i - ps,
                        java.nio.charset.StandardCharsets.ISO_8859_1)) : 0;
            }
            if (i >= f.length) {
                throw new LuaError("invalid option '%' to 'format'");
            }
            char conv = (char) (f[i] & 0xff);
            arg++;
            if (arg > args.narg()) {
                throw LuaArgs.argError(arg, "format", "no value");
            }
            String body;
            switch (conv) {
                case 'd', 'i' -> body = integer(Long.toString(toLong(LuaArgs.checkNumber(args, arg, "format"))), flags, precision);
                case 'u' -> body = integer(Long.toUnsignedString(toLong(LuaArgs.checkNumber(args, arg, "format"))), flags, precision);
                case 'o' -> body = radix(Long.toOctalString(toLong(LuaArgs.checkNumber(args, arg, "format"))), flags, precision, "0");
                case 'x' -> body = radix(Long.toHexString(toLong(LuaArgs.checkNumber(args, arg, "format"))), flags, precision, "0x");
                case 'X' -> body = radix(Long.toHexString(toLong(LuaArgs.checkNumber(args, arg, "format"))), flags, precision, "0x")
                        .toUpperCase(Locale.ROOT);
                case 'c' -> body = String.valueOf((char) (toLong(LuaArgs.checkNumber(args, arg, "format")) & 0xff));
                case 'e', 'E', 'f', 'F', 'g', 'G' -> body = floating(LuaArgs.checkNumber(args, arg, "format"), conv, flags, precision);
                case 's' -> {
                    String s = LuaReplies.latin1(LuaArgs.checkString(args, arg, "format"));
                    body = precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
                }
                case 'q' -> body = quoted(LuaReplies.latin1(LuaArgs.checkString(args, arg, "format")));
                default -> throw new LuaError("invalid option '%" + conv + "' to 'format'");
            }
            out.append(pad(body, width, flags, conv));
        }
        return LuaString.valueOf(out.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** C's cast to long long on x86-64: out of range (and NaN) is LLONG_MIN, where Java's would saturate. */
    private static long toLong(double d) {
        return LuaArgs.toInteger(d);
    }

    private static String integer(String digits, String flags, int precision) {
        boolean negative = digits.startsWith("-");
        String abs = negative ? digits.substring(1) : digits;
        if (precision >= 0) {
            abs = precision == 0 && abs.equals("0") ? "" : zeros(precision - abs.length()) + abs;
        }
        String sign = negative ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
        return sign + abs;
    }

    private static String radix(String digits, String flags, int precision, String alt) {
        if (precision >= 0) {
            digits = precision == 0 && digits.equals("0") ? "" : zeros(precision - digits.length()) + digits;
        }
        if (flags.indexOf('#') >= 0 && !digits.isEmpty() && !digits.equals("0")
                && !(alt.equals("0") && digits.startsWith("0"))) {
            digits = alt + digits;
        }
        return digits;
    }

    private static String zeros(int n) {
        return n <= 0 ? "" : "0".repeat(n);
    }

    static String floating(double d, char conv, String flags, int precision) {
        boolean upper = Character.isUpperCase(conv);
        boolean alt = flags.indexOf('#') >= 0;
        String sign = d < 0 || (d == 0 && 1 / d < 0) ? "-" : flags.indexOf('+') >= 0 ? "+"
                : flags.indexOf(' ') >= 0 ? " " : "";
        double a = Math.abs(d);
        String body;
        if (Double.isNaN(d)) {
            body = "nan";
            sign = flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
            if (Double.doubleToRawLongBits(d) < 0) {
                sign = "-";
            }
        } else if (Double.isInfinite(d)) {
            body = "inf";
        } else {
            int p = precision < 0 ? 6 : precision;
            switch (Character.toLowerCase(conv)) {
                case 'f' -> body = fixed(a, p, alt);
                case 'e' -> body = exponent(a, p, alt);
                default -> body = general(a, p == 0 ? 1 : p, alt);
            }
        }
        return sign + (upper ? body.toUpperCase(Locale.ROOT) : body);
    }

    private static String fixed(double a, int p, boolean alt) {
        String s = new BigDecimal(a).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
        return alt && p == 0 ? s + "." : s;
    }

    private static String exponent(double a, int p, boolean alt) {
        if (a == 0) {
            return (p == 0 ? "0" + (alt ? "." : "") : "0." + "0".repeat(p)) + "e+00";
        }
        BigDecimal r = new BigDecimal(a).round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        String mantissa = r.movePointLeft(exp).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
        if (alt && p == 0) {
            mantissa += ".";
        }
        String e = Integer.toString(Math.abs(exp));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    private static String general(double a, int p, boolean alt) {
        int exp;
        if (a == 0) {
            exp = 0;
        } else {
            BigDecimal r = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
            exp = r.precision() - r.scale() - 1;
        }
        String s = exp < -4 || exp >= p ? exponent(a, p - 1, alt) : fixed(a, p - 1 - exp, alt);
        if (alt) {
            return s;
        }
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String tail = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + tail;
    }

    private static String pad(String body, int width, String flags, char conv) {
        if (width < 0 || body.length() >= width) {
            return body;
        }
        int n = width - body.length();
        if (flags.indexOf('-') >= 0) {
            return body + " ".repeat(n);
        }
        boolean numeric = "diuoxXeEfFgG".indexOf(conv) >= 0;
        if (flags.indexOf('0') >= 0 && numeric && !body.endsWith("inf") && !body.endsWith("nan")
                && !body.endsWith("INF") && !body.endsWith("NAN")) {
            int signLength = !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0 ? 1 : 0;
            if (body.startsWith("0x", signLength) || body.startsWith("0X", signLength)) {
                signLength += 2;
            }
            return body.substring(0, signLength) + "0".repeat(n) + body.substring(signLength);
        }
        return " ".repeat(n) + body;
    }

    /** %q: a Lua string literal that reads back as the same bytes. */
    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\', '\n' -> out.append('\\').append(c);
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\000");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
