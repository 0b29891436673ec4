package dev.trib.node.command.scripting;

import dev.trib.node.log.ServerLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaFunction;

/** The function libraries (FUNCTION LOAD ...) and the functions they registered, by name. */
final class FunctionLibraries {
    /** FUNCTION LOAD's time limit for running a library's code, as Redis's LOAD_TIMEOUT_MS. */
    static final long LOAD_TIMEOUT_MS = 500;

    record Function(String name, LuaFunction callback, String description, List<String> flags, Library library) {
    }

    static final class Library {
        final String name;
        final byte[] code;
        final Map<String, Function> functions = new LinkedHashMap<>();

        Library(String name, byte[] code) {
            this.name = name;
            this.code = code;
        }
    }

    private final LuaEngine engine;
    private final ServerLog log;
    private final Map<String, Library> libraries = new LinkedHashMap<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();
    /** Told the libraries' code after each change (the keyspace keeps it for snapshots). */
    private java.util.function.Consumer<List<byte[]>> changed = codes -> { };

    FunctionLibraries(ServerLog log) {
        this.engine = new LuaEngine(log, true);
        this.log = log;
    }

    void onChange(java.util.function.Consumer<List<byte[]>> action) {
        changed = action;
    }

    private void changed() {
        List<byte[]> codes = new ArrayList<>();
        libraries.values().forEach(lib -> codes.add(lib.code));
        changed.accept(codes);
    }

    /**
     * A loaded snapshot's libraries replace the current ones (as redis-server loading an RDB file); one that fails
     * to load is logged and left out.
     */
    void replaceAll(List<byte[]> codes) {
        libraries.clear();
        functions.clear();
        for (byte[] code : codes) {
            try {
                Library lib = create(code, 0);
                boolean clash = lib.functions.keySet().stream().anyMatch(functions::containsKey);
                if (libraries.containsKey(lib.name) || clash) {
                    throw new EvalScripts.ScriptException("ERR Library " + lib.name + " clashes with another");
                }
                link(lib);
            } catch (EvalScripts.ScriptException e) {
                if (log != null) {
                    log.warning("Failed loading a function library from the snapshot: " + e.getMessage());
                }
            }
        }
        changed();
    }

    LuaEngine engine() {
        return engine;
    }

    Function function(String name) {
        return functions.get(name);
    }

    Library library(String name) {
        return libraries.get(name);
    }

    Collection<Library> libraries() {
        return libraries.values();
    }

    int functionCount() {
        return functions.size();
    }

    /** FUNCTION LOAD: parses the metadata line, runs the code, links the library. @return its name */
    String load(byte[] payload, boolean replace, long timeoutMillis) throws EvalScripts.ScriptException {
        Library lib = create(payload, timeoutMillis);
        Library old = libraries.get(lib.name);
        if (old != null && !replace) {
            throw new EvalScripts.ScriptException("ERR Library '" + lib.name + "' already exists");
        }
        for (Function f : lib.functions.values()) {
            Function other = functions.get(f.name());
            if (other != null && other.library() != old) {
                throw new EvalScripts.ScriptException("ERR Function " + f.name() + " already exists");
            }
        }
        if (old != null) {
            unlink(old);
        }
        link(lib);
        changed();
        return lib.name;
    }

    /** Compiles a library and collects what it registers, without linking it. */
    Library create(byte[] payload, long timeoutMillis) throws EvalScripts.ScriptException {
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("#!")) {
            throw new EvalScripts.ScriptException("ERR Missing library metadata");
        }
        int end = text.indexOf('\n');
        if (end < 0) {
            throw new EvalScripts.ScriptException("ERR Invalid library metadata");
        }
        String[] parts = text.substring(0, end).trim().split("[ \t]+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new EvalScripts.ScriptException("ERR Invalid library metadata");
        }
        String engineName = parts[0].substring(2);
        String name = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    throw new EvalScripts.ScriptException(
                            "ERR Invalid metadata value, name argument was given multiple times");
                }
                name = parts[i].substring(5);
                continue;
            }
            throw new EvalScripts.ScriptException("ERR Invalid metadata value given: " + parts[i]);
        }
        if (name == null) {
            throw new EvalScripts.ScriptException("ERR Library name was not given");
        }
        if (!validName(name)) {
            throw new EvalScripts.ScriptException("ERR Library names can only contain letters, numbers, or "
                    + "underscores(_) and must be at least one character long");
        }
        if (!engineName.equalsIgnoreCase("lua")) {
            throw new EvalScripts.ScriptException("ERR Engine '" + engineName + "' not found");
        }
        Library lib = new Library(name, payload);
        try {
            LuaFunction code = engine.compile(payload, end, "user_function");
            engine.loadLibrary(code, (fname, callback, description, flags) -> {
                if (!validName(fname)) {
                    throw new IllegalArgumentException("Library names can only contain letters, numbers, or "
                            + "underscores(_) and must be at least one character long");
                }
                if (lib.functions.containsKey(fname)) {
                    throw new IllegalArgumentException("Function already exists in the library");
                }
                lib.functions.put(fname, new Function(fname, callback, description, ScriptFlags.ordered(flags), lib));
            }, timeoutMillis);
        } catch (LuaEngine.CompileError e) {
            String m = e.getMessage();
            throw new EvalScripts.ScriptException("ERR " + (m.startsWith("Error registering functions: ")
                    ? m : "Error compiling function: " + m));
        }
        if (lib.functions.isEmpty()) {
            throw new EvalScripts.ScriptException("ERR No functions registered");
        }
        return lib;
    }

    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    boolean delete(String name) {
        Library lib = libraries.get(name);
        if (lib == null) {
            return false;
        }
        unlink(lib);
        changed();
        return true;
    }

    void flush() {
        libraries.clear();
        functions.clear();
        changed();
    }

    /** FUNCTION RESTORE: links these libraries (FLUSH replaced everything first; REPLACE wins on a name clash). */
    void join(List<Library> incoming, boolean replace) throws EvalScripts.ScriptException {
        List<Library> replaced = new ArrayList<>();
        for (Library lib : incoming) {
            Library old = libraries.get(lib.name);
            if (old != null) {
                if (!replace) {
                    throw new EvalScripts.ScriptException("ERR Library " + lib.name + " already exists");
                }
                replaced.add(old);
            }
        }
        replaced.forEach(this::unlink);
        for (Library lib : incoming) {
            for (Function f : lib.functions.values()) {
                if (functions.containsKey(f.name())) {
                    incoming.stream().filter(libraries::containsValue).forEach(this::unlink);
                    replaced.forEach(this::link);
                    throw new EvalScripts.ScriptException("ERR Function " + f.name() + " already exists");
                }
            }
            link(lib);
        }
        changed();
    }

    private void link(Library lib) {
        libraries.put(lib.name, lib);
        functions.putAll(lib.functions);
    }

    private void unlink(Library lib) {
        libraries.remove(lib.name);
        lib.functions.keySet().forEach(functions::remove);
    }
}
