package dev.trib.node.command.scripting;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code cjson} library Redis loads (lua-cjson's defaults): encode and decode with its number format (%.14g),
 * escapes, sparse-array rule, {@code cjson.null} and error messages. Object keys come out in the table's iteration
 * order (Lua 5.1's, see {@link Lua51Table}); decoded objects and arrays are Lua51Tables filled in document order.
 */
final class CjsonLib {
    /** cjson.null: a userdata JSON null decodes to and encodes from. */
    static final LuaUserdata NULL = new LuaUserdata(new Object());
    private static final int MAX_DEPTH = 1000;

    private CjsonLib() {
    }

    static LuaTable create() {
        LuaTable t = new LuaTable();
        t.rawset("encode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                if (a.narg() != 1) {
                    throw new LuaError("bad argument #1 to 'encode' (expected 1 argument)");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                encode(a.arg1(), out, 0);
                return LuaString.valueOf(out.toByteArray());
            }
        });
        t.rawset("decode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                return new Decoder(LuaReplies.bytes(a.checkstring(1))).document();
            }
        });
        t.rawset("null", NULL);
        return t;
    }

    // ---- encoding

    private static void encode(LuaValue v, ByteArrayOutputStream out, int depth) {
        switch (v.type()) {
            case LuaValue.TNIL -> ascii(out, "null");
            case LuaValue.TBOOLEAN -> ascii(out, v.toboolean() ? "true" : "false");
            case LuaValue.TNUMBER -> ascii(out, number(v.todouble()));
            case LuaValue.TSTRING -> string(LuaReplies.bytes(v.checkstring()), out);
            case LuaValue.TTABLE -> table((LuaTable) v, out, depth + 1);
            case LuaValue.TUSERDATA, LuaValue.TLIGHTUSERDATA -> {
                if (v != NULL) {
                    throw new LuaError("Cannot serialise userdata: type not supported");
                }
                ascii(out, "null");
            }
            default -> throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
        }
    }

    private static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new LuaError("Cannot serialise number: must not be NaN or Inf");
        }
        return LuaFormat.floating(d, 'g', "", 14);
    }

    private static void table(LuaTable t, ByteArrayOutputStream out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new LuaError("Cannot serialise, excessive nesting (" + depth + ")");
        }
        int max = 0;
        int items = 0;
        boolean array = true;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            double d = k.type() == LuaValue.TNUMBER ? k.todouble() : 0;
            if (d >= 1 && d == Math.floor(d)) {
                max = (int) Math.max(max, d);
                items++;
            } else {
                array = false;
                break;
            }
        }
        if (array && max > items * 2 && max > 10) {
            throw new LuaError("Cannot serialise table: excessively sparse array");
        }
        if (array && max > 0) {
            out.write('[');
            for (int i = 1; i <= max; i++) {
                if (i > 1) {
                    out.write(',');
                }
                encode(t.rawget(i), out, depth);
            }
            out.write(']');
            return;
        }
        out.write('{');
        boolean first = true;
        k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            if (k.type() == LuaValue.TSTRING) {
                string(LuaReplies.bytes(k.checkstring()), out);
            } else if (k.type() == LuaValue.TNUMBER) {
                out.write('"');
                ascii(out, number(k.todouble()));
                out.write('"');
            } else {
                throw new LuaError("Cannot serialise " + k.typename() + ": table key must be a number or string");
            }
            out.write(':');
            encode(n.arg(2), out, depth);
        }
        out.write('}');
    }

    private static void string(byte[] s, ByteArrayOutputStream out) {
        out.write('"');
        for (byte b : s) {
            int c = b & 0xff;
            switch (c) {
                case '"' -> ascii(out, "\\\"");
                case '\\' -> ascii(out, "\\\\");
                case '/' -> ascii(out, "\\/");
                case '\b' -> ascii(out, "\\b");
                case '\f' -> ascii(out, "\\f");
                case '\n' -> ascii(out, "\\n");
                case '\r' -> ascii(out, "\\r");
                case '\t' -> ascii(out, "\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        ascii(out, String.format("\\u%04x", c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- decoding

    /** lua-cjson's tokenizer and parser, with its error messages ("... at character N", 1-based). */
    private static final class Decoder {
        private final byte[] in;
        private int pos;
        private String token;
        private int tokenStart;
        private LuaValue tokenValue;
        private int depth;

        Decoder(byte[] in) {
            this.in = in;
        }

        LuaValue document() {
            next();
            LuaValue v = value();
            next();
            if (!token.equals("T_END")) {
                throw error("the end");
            }
            return v;
        }

        private LuaValue value() {
            switch (token) {
                case "T_STRING", "T_NUMBER", "T_BOOLEAN":
                    return tokenValue;
                case "T_NULL":
                    return NULL;
                case "T_OBJ_BEGIN":
                    return object();
                case "T_ARR_BEGIN":
                    return array();
                default:
                    throw error("value");
            }
        }

        private LuaValue object() {
            enter();
            LuaTable t = new Lua51Table(0, 0);
            next();
            if (token.equals("T_OBJ_END")) {
                depth--;
                return t;
            }
            while (true) {
                if (!token.equals("T_STRING")) {
                    throw error("object key string");
                }
                LuaValue key = tokenValue;
                next();
                if (!token.equals("T_COLON")) {
                    throw error("colon");
                }
                next();
                t.rawset(key, value());
                next();
                if (token.equals("T_OBJ_END")) {
                    depth--;
                    return t;
                }
                if (!token.equals("T_COMMA")) {
                    throw error("comma or object end");
                }
                next();
            }
        }

        private LuaValue array() {
            enter();
            LuaTable t = new Lua51Table(0, 0);
            next();
            if (token.equals("T_ARR_END")) {
                depth--;
                return t;
            }
            for (int i = 1; ; i++) {
                t.rawset(i, value());
                next();
                if (token.equals("T_ARR_END")) {
                    depth--;
                    return t;
                }
                if (!token.equals("T_COMMA")) {
                    throw error("comma or array end");
                }
                next();
            }
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw new LuaError("Found too many nested data structures (" + depth + ") at character "
                        + (tokenStart + 1));
            }
        }

        private LuaError error(String expected) {
            String found = token.equals("T_ERROR") ? "invalid token" : token;
            return new LuaError("Expected " + expected + " but found " + found + " at character " + (tokenStart + 1));
        }

        private void next() {
            while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
                pos++;
            }
            tokenStart = pos;
            tokenValue = null;
            if (pos >= in.length) {
                token = "T_END";
                return;
            }
            char c = (char) (in[pos] & 0xff);
            switch (c) {
                case '{' -> single("T_OBJ_BEGIN");
                case '}' -> single("T_OBJ_END");
                case '[' -> single("T_ARR_BEGIN");
                case ']' -> single("T_ARR_END");
                case ',' -> single("T_COMMA");
                case ':' -> single("T_COLON");
                case '"' -> string();
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else if (word("true")) {
                        token = "T_BOOLEAN";
                        tokenValue = LuaValue.TRUE;
                    } else if (word("false")) {
                        token = "T_BOOLEAN";
                        tokenValue = LuaValue.FALSE;
                    } else if (word("null")) {
                        token = "T_NULL";
                    } else {
                        token = "T_ERROR";
                    }
                }
            }
        }

        private void single(String name) {
            token = name;
            pos++;
        }

        private boolean word(String w) {
            byte[] b = w.getBytes(StandardCharsets.US_ASCII);
            if (pos + b.length > in.length) {
                return false;
            }
            for (int i = 0; i < b.length; i++) {
                if (in[pos + i] != b[i]) {
                    return false;
                }
            }
            pos += b.length;
            return true;
        }

        private void number() {
            int start = pos;
            while (pos < in.length && "+-0123456789.eExX".indexOf(in[pos]) >= 0) {
                pos++;
            }
            try {
                double d = Double.parseDouble(new String(in, start, pos - start, StandardCharsets.US_ASCII));
                token = "T_NUMBER";
                tokenValue = LuaValue.valueOf(d);
            } catch (NumberFormatException e) {
                token = "T_ERROR";
            }
        }

        private void string() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pos++;
            while (true) {
                if (pos >= in.length) {
                    token = "T_ERROR";
                    return;
                }
                int c = in[pos] & 0xff;
                if (c == '"') {
                    pos++;
                    break;
                }
                if (c != '\\') {
                    out.write(c);
                    pos++;
                    continue;
                }
                if (pos + 1 >= in.length) {
                    token = "T_ERROR";
                    return;
                }
                char e = (char) in[pos + 1];
                pos += 2;
                switch (e) {
                    case '"', '\\', '/' -> out.write(e);
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'u' -> {
                        int cp = hex4();
                        if (cp < 0) {
                            token = "T_ERROR";
                            return;
                        }
                        if (cp >= 0xD800 && cp <= 0xDBFF && pos + 1 < in.length && in[pos] == '\\'
                                && in[pos + 1] == 'u') {
                            pos += 2;
                            int low = hex4();
                            if (low < 0xDC00 || low > 0xDFFF) {
                                token = "T_ERROR";
                                return;
                            }
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        }
                        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    }
                    default -> {
                        token = "T_ERROR";
                        return;
                    }
                }
            }
            token = "T_STRING";
            tokenValue = LuaString.valueOf(out.toByteArray());
        }

        private int hex4() {
            if (pos + 4 > in.length) {
                return -1;
            }
            try {
                int v = Integer.parseInt(new String(in, pos, 4, StandardCharsets.US_ASCII), 16);
                pos += 4;
                return v;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
