package org.luaj.vm2.compiler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * LuaJ's parser (Lua 5.2's) with Lua 5.1's lexical rules and syntax-error wording, which Redis's scripts get:
 * errors end with the token they were found at ("'=' expected near 'x'", "unexpected symbol near '&lt;eof&gt;'"),
 * the end of input is "&lt;eof&gt;", numerals are read as Lua 5.1 reads them (digits, dots, an exponent, then any
 * letters, all given to strtod: "1..2" and "0x" are malformed), {@code goto} is an ordinary name and {@code ::} two
 * colons, and a break outside a loop is "no loop to break". In LuaJ's package because its parser's hooks are
 * package-private; node-server's scripting compiles every script through {@link #compile}.
 */
public final class Lua51LexState extends LexState {
    private Lua51LexState(LuaC.CompileState state, InputStream stream) {
        super(state, stream);
    }

    /**
     * Compiles a chunk as LuaC does, named {@code chunkName} ("@user_script"). A numeral Lua 5.1 finds malformed is
     * reported as it would be, unless the parser failed on an earlier line (LuaJ's lexer reads numerals its own
     * way, and its parser hooks for them take a private type, so they are checked beforehand).
     */
    public static Prototype compile(byte[] code, int offset, String chunkName) throws IOException {
        code = lua51Escapes(code, offset);
        String malformed = malformedNumeral(code, offset, Lua.chunkid(chunkName));
        Prototype p;
        try {
            p = parse(new ByteArrayInputStream(code, offset, code.length - offset), chunkName);
        } catch (LuaError e) {
            if (malformed != null && line(e.getMessage()) >= line(malformed)) {
                throw new LuaError(malformed);
            }
            throw e;
        } catch (NumberFormatException e) {
            if (malformed != null) {
                throw new LuaError(malformed);
            }
            throw e;
        }
        if (malformed != null) {
            throw new LuaError(malformed);
        }
        return p;
    }

    private static Prototype parse(InputStream stream, String chunkName) throws IOException {
        LuaC.CompileState state = new LuaC.CompileState();
        Lua51LexState lexer = new Lua51LexState(state, stream);
        FuncState main = new FuncState();
        lexer.fs = main;
        lexer.setinput(state, stream.read(), stream, LuaValue.valueOf(chunkName));
        main.f = new Prototype();
        main.f.source = LuaValue.valueOf(chunkName);
        lexer.mainfunc(main);
        return main.f;
    }

    /**
     * The chunk with the escapes Lua 5.2 added to short strings ("\\x41", "\\z") written as Lua 5.1 reads them: an
     * unknown escape is the character itself, so the backslash goes. The same array when there is none.
     */
    static byte[] lua51Escapes(byte[] code, int offset) {
        java.io.ByteArrayOutputStream out = null;
        int copied = 0;
        int n = code.length;
        int i = offset;
        while (i < n) {
            int c = code[i] & 0xff;
            if (c == '-' && i + 1 < n && code[i + 1] == '-') {
                i += 2;
                int level = longBracket(code, i);
                if (level >= 0) {
                    int[] end = skipLong(code, i, level, 0);
                    i = end == null ? n : end[0];
                } else {
                    while (i < n && code[i] != '\n' && code[i] != '\r') {
                        i++;
                    }
                }
            } else if (c == '[' && longBracket(code, i) >= 0) {
                int[] end = skipLong(code, i, longBracket(code, i), 0);
                i = end == null ? n : end[0];
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && code[i] != c && code[i] != '\n' && code[i] != '\r') {
                    if (code[i] == '\\' && i + 1 < n) {
                        if (code[i + 1] == 'x' || code[i + 1] == 'z') {
                            if (out == null) {
                                out = new java.io.ByteArrayOutputStream(n);
                            }
                            out.write(code, copied, i - copied);
                            copied = i + 1; // drop the backslash
                        }
                        i += 2;
                    } else {
                        i++;
                    }
                }
                i++;
            } else {
                i++;
            }
        }
        if (out == null) {
            return code;
        }
        out.write(code, copied, n - copied);
        return out.toByteArray();
    }

    /** The line of a "chunk:line: message" text (MAX_VALUE when it has none). */
    private static int line(String message) {
        int colon = message == null ? -1 : message.indexOf(':');
        int end = colon < 0 ? -1 : message.indexOf(':', colon + 1);
        try {
            return end < 0 ? Integer.MAX_VALUE : Integer.parseInt(message.substring(colon + 1, end));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * Lua 5.1's error for the first numeral of the chunk that strtod does not read whole ("1..2", "0x", "3abc"),
     * or null: comments, strings and names are skipped as its lexer skips them.
     */
    static String malformedNumeral(byte[] code, int offset, String chunk) {
        int line = 1;
        int n = code.length;
        int i = offset;
        while (i < n) {
            int c = code[i] & 0xff;
            if (c == '\n' || c == '\r') {
                int next = i + 1 < n ? code[i + 1] & 0xff : -1;
                i += (next == '\n' || next == '\r') && next != c ? 2 : 1;
                line++;
            } else if (c == '-' && i + 1 < n && code[i + 1] == '-') {
                i += 2;
                int level = longBracket(code, i);
                if (level >= 0) {
                    int[] end = skipLong(code, i, level, line);
                    if (end == null) {
                        return null;
                    }
                    i = end[0];
                    line = end[1];
                } else {
                    while (i < n && code[i] != '\n' && code[i] != '\r') {
                        i++;
                    }
                }
            } else if (c == '[' && longBracket(code, i) >= 0) {
                int[] end = skipLong(code, i, longBracket(code, i), line);
                if (end == null) {
                    return null;
                }
                i = end[0];
                line = end[1];
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && code[i] != c) {
                    if (code[i] == '\n' || code[i] == '\r') {
                        return null; // unfinished string: the parser reports it
                    }
                    i += code[i] == '\\' ? 2 : 1;
                }
                i++;
            } else if (isLetter(c) || c == '_') {
                while (i < n && (isLetter(code[i] & 0xff) || isDigit(code[i] & 0xff) || code[i] == '_')) {
                    i++;
                }
            } else if (c == '.' && i + 1 < n && code[i + 1] == '.') {
                i += i + 2 < n && code[i + 2] == '.' ? 3 : 2;
            } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(code[i + 1] & 0xff)) {
                int start = i;
                do {
                    i++;
                } while (i < n && (isDigit(code[i] & 0xff) || code[i] == '.'));
                if (i < n && (code[i] == 'e' || code[i] == 'E')) {
                    i++;
                    if (i < n && (code[i] == '+' || code[i] == '-')) {
                        i++;
                    }
                }
                while (i < n && (isLetter(code[i] & 0xff) || isDigit(code[i] & 0xff) || code[i] == '_')) {
                    i++;
                }
                String numeral = new String(code, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (strtod(numeral, new double[1]) != numeral.length()) {
                    return chunk + ":" + line + ": malformed number near '" + numeral + "'";
                }
            } else {
                i++;
            }
        }
        return null;
    }

    /** The level of a long bracket opening at {@code i} ("[[" 0, "[=[" 1 ...), or -1. */
    private static int longBracket(byte[] code, int i) {
        if (i >= code.length || code[i] != '[') {
            return -1;
        }
        int j = i + 1;
        while (j < code.length && code[j] == '=') {
            j++;
        }
        return j < code.length && code[j] == '[' ? j - i - 1 : -1;
    }

    /** {index after, line} past the long bracket opening at {@code i}, or null when it does not close. */
    private static int[] skipLong(byte[] code, int i, int level, int line) {
        int j = i + level + 2;
        while (j < code.length) {
            if (code[j] == '\n') {
                line++;
            }
            if (code[j] == ']') {
                int k = j + 1;
                while (k < code.length && code[k] == '=') {
                    k++;
                }
                if (k < code.length && code[k] == ']' && k - j - 1 == level) {
                    return new int[] {k + 1, line};
                }
            }
            j++;
        }
        return null;
    }

    // LexState's Token and SemInfo are private classes: their fields are reached by reflection.
    private static final Field TOKEN_T;
    private static final Field TOKEN_LOOKAHEAD;
    private static final Field TOKEN_CODE;
    private static final Field TOKEN_SEMINFO;
    private static final Field SEMINFO_TS;

    static {
        try {
            Class<?> token = Class.forName("org.luaj.vm2.compiler.LexState$Token");
            Class<?> seminfo = Class.forName("org.luaj.vm2.compiler.LexState$SemInfo");
            TOKEN_T = accessible(LexState.class.getDeclaredField("t"));
            TOKEN_LOOKAHEAD = accessible(LexState.class.getDeclaredField("lookahead"));
            TOKEN_CODE = accessible(token.getDeclaredField("token"));
            TOKEN_SEMINFO = accessible(token.getDeclaredField("seminfo"));
            SEMINFO_TS = accessible(seminfo.getDeclaredField("ts"));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Field accessible(Field f) {
        f.setAccessible(true);
        return f;
    }

    private int token(Field which) {
        try {
            return TOKEN_CODE.getInt(which.get(this));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setToken(Field which, int code) {
        try {
            TOKEN_CODE.setInt(which.get(this), code);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    void next() {
        super.next();
        lua51Token(TOKEN_T);
        if (token(TOKEN_T) == TK_DBCOLON) {
            setToken(TOKEN_T, ':');
            setToken(TOKEN_LOOKAHEAD, ':');
        }
    }

    @Override
    void lookahead() {
        super.lookahead();
        lua51Token(TOKEN_LOOKAHEAD);
    }

    /** "goto" is a name in Lua 5.1. */
    private void lua51Token(Field which) {
        if (token(which) == TK_GOTO) {
            try {
                Object token = which.get(this);
                TOKEN_CODE.setInt(token, TK_NAME);
                SEMINFO_TS.set(TOKEN_SEMINFO.get(token), LuaValue.valueOf("goto"));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A break was just parsed: in Lua 5.1 it ends its block. */
    private boolean afterBreak;

    /**
     * Lua 5.1's chunk(): each statement may be followed by one ';' (5.2 has empty statements), and return and break
     * end a block (5.2 lets statements follow a break).
     */
    @Override
    void statlist() {
        if (afterBreak) { // "if c then break ..." (LuaJ parses the break before the block's statements)
            afterBreak = false;
            return;
        }
        while (!block_follow(true)) {
            int token = token(TOKEN_T);
            if (token == ';') {
                syntaxerror("unexpected symbol"); // Lua 5.1 has no empty statement: one ';' after a statement
            }
            statement();
            afterBreak = false;
            testnext(';');
            if (token == TK_BREAK || token == TK_RETURN) {
                return;
            }
        }
    }

    /** LuaJ parses "if c then break" itself, then the block's other statements: the break ends it there. */
    @Override
    void test_then_block(IntPtr escapelist) {
        afterBreak = false;
        super.test_then_block(escapelist);
        afterBreak = false;
    }

    @Override
    void gotostat(int pc) {
        if (token(TOKEN_T) == TK_BREAK) {
            boolean inLoop = false;
            for (FuncState.BlockCnt bl = fs.bl; bl != null && !inLoop; bl = bl.previous) {
                inLoop = bl.isloop;
            }
            if (!inLoop) {
                next();
                syntaxerror("no loop to break");
            }
            super.gotostat(pc);
            afterBreak = true;
            return;
        }
        super.gotostat(pc);
    }

    /**
     * "f() = 1": Lua 5.1 ends the statement at the call, so the '=' starts the next one ("unexpected symbol near
     * '='"); Lua 5.2 goes on into the assignment ("syntax error").
     */
    @Override
    void assignment(LHS_assign lh, int nvars) {
        if (nvars == 1 && lh.v.k == VCALL) {
            syntaxerror("unexpected symbol");
        }
        super.assignment(lh, nvars);
    }

    @Override
    String token2str(int token) {
        return token == TK_EOS ? "<eof>" : super.token2str(token);
    }

    @Override
    void lexerror(String msg, int token) {
        if (msg.startsWith("unexpected symbol")) {
            msg = "unexpected symbol"; // LuaJ adds the token's code
        } else if (msg.equals("syntax error") && token != '=' && token != ',') {
            msg = "'=' expected"; // an expression statement that is no call: Lua 5.2's words differ
        }
        String text = Lua.chunkid(source.tojstring()) + ":" + linenumber + ": " + msg;
        if (token != 0) {
            String near = token == TK_NAME || token == TK_STRING || token == TK_NUMBER
                    ? cString(buff, nbuff) : token2str(token);
            text = text + " near '" + near + "'";
        }
        throw new LuaError(text);
    }

    /** The buffer as C reads it: up to its first zero. */
    private static String cString(char[] b, int n) {
        int end = 0;
        while (end < n && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** How much of {@code s} C's strtod reads (decimal or, as glibc, hexadecimal), its value in {@code out[0]}. */
    public static int strtod(String s, double[] out) {
        int n = s.length();
        boolean hex = n > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')
                && (isHex(s.charAt(2)) || s.charAt(2) == '.' && n > 3 && isHex(s.charAt(3)));
        int i = hex ? 2 : 0;
        int digits = 0;
        while (i < n && (hex ? isHex(s.charAt(i)) : isDigit(s.charAt(i)))) {
            i++;
            digits++;
        }
        int dot = -1;
        if (i < n && s.charAt(i) == '.') {
            dot = i++;
            while (i < n && (hex ? isHex(s.charAt(i)) : isDigit(s.charAt(i)))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        int mantissaEnd = i;
        String exponent = hex ? "p0" : "";
        if (i < n && (hex ? "pP" : "eE").indexOf(s.charAt(i)) >= 0) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                exponent = (hex ? "p" : "e") + s.substring(i + 1, j);
                i = j;
            }
        }
        String mantissa = s.substring(0, mantissaEnd);
        if (hex && dot == mantissaEnd - 1) {
            mantissa = mantissa + "0"; // "0x1." reads as "0x1.0"
        }
        out[0] = Double.parseDouble(mantissa + exponent);
        return i;
    }
}
