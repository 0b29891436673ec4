package dev.trib.node.command.scripting;

import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.DoubleReply;
import dev.trib.node.resp.MapReply;
import dev.trib.node.resp.SetReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.IntegerReply;
import dev.trib.node.resp.NullArrayReply;
import dev.trib.node.resp.NullBulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Redis's conversions between command replies and Lua values (RESP2), both ways: integer to number, bulk to string,
 * a nil bulk or nil array to false, an array to a table, a status to {ok=...}, an error to {err=...}; and back:
 * a number is truncated to an integer, true is 1, false and nil are a nil bulk, a table is an error, a status or
 * an array cut at its first nil.
 */
final class LuaReplies {
    static final LuaString ERR = LuaString.valueOf("err");
    static final LuaString OK = LuaString.valueOf("ok");
    private static final LuaString DOUBLE = LuaString.valueOf("double");
    private static final LuaString BIG_NUMBER = LuaString.valueOf("big_number");
    private static final LuaString VERBATIM = LuaString.valueOf("verbatim_string");
    private static final LuaString STRING = LuaString.valueOf("string");
    private static final LuaString MAP = LuaString.valueOf("map");
    private static final LuaString SET = LuaString.valueOf("set");

    private LuaReplies() {
    }

    /** A command's reply as the script sees it. */
    static LuaValue toLua(RespReply reply) {
        if (reply instanceof IntegerReply i) {
            return LuaValue.valueOf((double) i.value());
        }
        if (reply instanceof BulkReply b) {
            return LuaString.valueOf(b.data());
        }
        if (reply instanceof NullBulkReply || reply instanceof NullArrayReply) {
            return LuaValue.FALSE;
        }
        if (reply instanceof SimpleStringReply s) {
            return single(OK, LuaString.valueOf(s.text().getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (reply instanceof ErrorReply e) {
            return errorTable(e.message());
        }
        if (reply instanceof ArrayReply a) {
            LuaTable t = new Lua51Table(0, 0);
            int i = 1;
            for (RespReply item : a.items()) {
                t.rawset(i++, toLua(item));
            }
            return t;
        }
        // The RESP3-aware replies (map, set, double, verbatim ...): as a RESP2 client reads them, which a script's
        // client is (redis.setresp(3) is not honoured).
        ByteBuf buf = Unpooled.buffer();
        try {
            reply.writeTo(buf);
            byte[] wire = new byte[buf.readableBytes()];
            buf.readBytes(wire);
            return new Resp2(wire).value();
        } finally {
            buf.release();
        }
    }

    /** A RESP2 reply's wire form read back as the script sees it. */
    private static final class Resp2 {
        private final byte[] in;
        private int pos;

        Resp2(byte[] in) {
            this.in = in;
        }

        LuaValue value() {
            char type = (char) in[pos++];
            String line = line();
            switch (type) {
                case ':':
                    return LuaValue.valueOf((double) Long.parseLong(line));
                case '+':
                    return single(OK, LuaString.valueOf(line.getBytes(StandardCharsets.ISO_8859_1)));
                case '-':
                    return errorTable("-" + line);
                case '$': {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        return LuaValue.FALSE;
                    }
                    byte[] data = java.util.Arrays.copyOfRange(in, pos, pos + n);
                    pos += n + 2;
                    return LuaString.valueOf(data);
                }
                case '*': {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        return LuaValue.FALSE;
                    }
                    LuaTable t = new Lua51Table(0, 0);
                    for (int i = 1; i <= n; i++) {
                        t.rawset(i, value());
                    }
                    return t;
                }
                default:
                    return LuaValue.FALSE;
            }
        }

        private String line() {
            int start = pos;
            while (in[pos] != '\r') {
                pos++;
            }
            String s = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
            pos += 2;
            return s;
        }
    }

    static LuaTable single(LuaString field, LuaValue value) {
        LuaTable t = new Lua51Table(0, 0);
        t.rawset(field, value);
        return t;
    }

    /** {err="CODE message"}, the message as Redis's luaPushError shapes it (a leading '-' gives the code). */
    static LuaTable errorTable(String error) {
        String code;
        String message;
        if (error.startsWith("-")) {
            int space = error.indexOf(' ');
            if (space < 0) {
                code = "ERR";
                message = error.substring(1);
            } else {
                code = error.substring(1, space);
                message = error.substring(space + 1);
            }
        } else {
            code = "ERR";
            message = error;
        }
        message = trimCrLf(message);
        return single(ERR, LuaString.valueOf((code + " " + message).getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String trimCrLf(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '\r' || s.charAt(start) == '\n')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** A command's error reply as redis.call raises it: the reply's text as is, code included. */
    static LuaTable commandError(ErrorReply e) {
        return errorTable("-" + e.message());
    }

    /** The script's return value as the client's reply. */
    static RespReply toReply(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TSTRING:
                return new BulkReply(bytes(v.checkstring()));
            case LuaValue.TBOOLEAN:
                return v.toboolean() ? Replies.ONE : Replies.NULL_BULK;
            case LuaValue.TNUMBER:
                return Replies.integer(toLong(v.todouble()));
            case LuaValue.TTABLE:
                return tableReply((LuaTable) v);
            default:
                return Replies.NULL_BULK;
        }
    }

    private static RespReply tableReply(LuaTable t) {
        LuaValue err = t.rawget(ERR);
        if (err.type() == LuaValue.TSTRING) {
            return new ErrorReply(latin1(err.checkstring()));
        }
        LuaValue ok = t.rawget(OK);
        if (ok.type() == LuaValue.TSTRING) {
            return new SimpleStringReply(latin1(ok.checkstring()).replace('\r', ' ').replace('\n', ' '));
        }
        LuaValue d = t.rawget(DOUBLE);
        if (d.type() == LuaValue.TNUMBER) {
            return DoubleReply.of(formatG17(d.todouble()));
        }
        LuaValue big = t.rawget(BIG_NUMBER);
        if (big.type() == LuaValue.TSTRING) {
            return new BulkReply(latin1(big.checkstring()).replace('\r', ' ').replace('\n', ' ')
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        LuaValue verbatim = t.rawget(VERBATIM);
        if (verbatim.istable()) {
            LuaValue s = verbatim.rawget(STRING);
            if (verbatim.rawget("format").type() == LuaValue.TSTRING && s.type() == LuaValue.TSTRING) {
                return new BulkReply(bytes(s.checkstring()));
            }
        }
        LuaValue map = t.rawget(MAP);
        if (map.istable()) {
            List<RespReply> items = new ArrayList<>();
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = map.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                items.add(toReply(k));
                items.add(toReply(n.arg(2)));
            }
            return new MapReply(items);
        }
        LuaValue set = t.rawget(SET);
        if (set.istable()) {
            List<RespReply> items = new ArrayList<>();
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = set.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                items.add(toReply(k));
            }
            return new SetReply(items);
        }
        List<RespReply> items = new ArrayList<>();
        for (int i = 1; ; i++) {
            LuaValue item = t.rawget(i);
            if (item.isnil()) {
                break;
            }
            items.add(toReply(item));
        }
        return Replies.array(items);
    }

    /** C's (long long) cast of a double on x86-64: truncation, and INT64_MIN when out of range or NaN. */
    static long toLong(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    static byte[] bytes(LuaString s) {
        byte[] out = new byte[s.rawlen()];
        s.copyInto(0, out, 0, out.length);
        return out;
    }

    static String latin1(LuaString s) {
        return new String(bytes(s), StandardCharsets.ISO_8859_1);
    }

    /** C's printf("%.17g"): how redis.call passes a Lua number as a command argument. */
    static String formatG17(double d) {
        if (Double.isNaN(d)) {
            // LuaJ's 0/0 is Java's NaN; C Lua's carries the sign (x86's default NaN).
            long bits = Double.doubleToRawLongBits(d);
            return bits < 0 || bits == 0x7ff8000000000000L ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String m = stripZeros(mantissa.toPlainString());
            String e = Integer.toString(Math.abs(exponent));
            return m + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return stripZeros(rounded.toPlainString());
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
