package dev.trib.node.command.scripting;

import dev.trib.node.log.ServerLog;
import dev.trib.node.resp.ErrorReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.luaj.vm2.LuaFunction;

/** The EVAL script cache (SCRIPT LOAD / EXISTS / FLUSH): sha1 of the body -> the compiled script and its flags. */
final class EvalScripts {
    /** A cached script: its shebang flags (null in the compatibility mode without a shebang). */
    record Script(String sha, LuaFunction function, List<String> flags) {
        boolean compat() {
            return flags == null;
        }
    }

    private final ServerLog log;
    private LuaEngine engine;
    private final Map<String, Script> scripts = new HashMap<>();

    EvalScripts(ServerLog log) {
        this.log = log;
        this.engine = new LuaEngine(log, false);
    }

    LuaEngine engine() {
        return engine;
    }

    Script get(String sha) {
        return scripts.get(sha.toLowerCase(Locale.ROOT));
    }

    /** Compiles and caches the body (once per sha1); a failure is the client's error reply. */
    Script load(byte[] body) throws ScriptException {
        String sha = LuaEngine.sha1(body);
        Script known = scripts.get(sha);
        if (known != null) {
            return known;
        }
        List<String> flags = null;
        int shebang = 0;
        if (body.length >= 2 && body[0] == '#' && body[1] == '!') {
            int end = indexOf(body, (byte) '\n');
            if (end < 0) {
                throw new ScriptException("ERR Invalid script shebang");
            }
            shebang = end;
            flags = shebangFlags(new String(body, 0, end, StandardCharsets.ISO_8859_1));
        }
        try {
            // The shebang line is skipped but its newline kept, so line numbers stay the user's.
            LuaFunction f = engine.compile(body, shebang, "user_script");
            Script s = new Script(sha, f, flags);
            scripts.put(sha, s);
            return s;
        } catch (LuaEngine.CompileError e) {
            throw new ScriptException("ERR Error compiling script (new function): " + e.getMessage());
        }
    }

    /** Parses "#!lua flags=a,b": Redis's evalExtractShebangFlags. */
    private static List<String> shebangFlags(String line) throws ScriptException {
        String[] parts = line.trim().split("[ \t]+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new ScriptException("ERR Invalid engine in script shebang");
        }
        if (!parts[0].equals("#!lua")) {
            throw new ScriptException("ERR Unexpected engine in script shebang: " + parts[0]);
        }
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("flags=")) {
                String list = parts[i].substring(6);
                for (String f : list.split(",", -1)) {
                    if (!ScriptFlags.ALL.contains(f)) {
                        if (list.isEmpty()) {
                            break; // "flags=" alone: no flags
                        }
                        throw new ScriptException("ERR Unexpected flag in script shebang: " + f);
                    }
                    flags.add(f);
                }
            } else {
                throw new ScriptException("ERR Unknown lua shebang option: " + parts[i]);
            }
        }
        return flags;
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    boolean exists(String sha) {
        return scripts.containsKey(sha.toLowerCase(Locale.ROOT));
    }

    /** SCRIPT FLUSH: forgets every script and starts a fresh Lua state, as Redis. */
    void flush() {
        scripts.clear();
        engine = new LuaEngine(log, false);
    }

    /** A script refused before it ran: its reply. */
    static final class ScriptException extends Exception {
        private static final long serialVersionUID = 1L;

        ScriptException(String message) {
            super(message, null, false, false);
        }

        ErrorReply reply() {
            return new ErrorReply(getMessage());
        }
    }
}
