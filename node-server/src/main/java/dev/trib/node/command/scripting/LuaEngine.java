package dev.trib.node.command.scripting;

import static dev.trib.node.command.scripting.LuaFunctions.fn;

import dev.trib.node.command.scripting.LuaFunctions.Body;
import dev.trib.node.config.ServerIdentity;
import dev.trib.node.log.ServerLog;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.Lua51LexState;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * One Lua state as Redis builds it (LuaJ, a Lua 5.2 interpreter, made to look like Redis's 5.1): the base, table,
 * string, math, coroutine and bit libraries and nothing that reaches files, the OS or other code; 5.1 names scripts
 * use (unpack, loadstring, table.getn, math.mod, string.gfind); read-only globals whose missing names raise Redis's
 * error; the {@code redis} API; math.random from Redis's own generator. EVAL scripts get one state, function
 * libraries another (whose load-time globals hold only redis.register_function, log and the version).
 * Used by one thread at a time: the script runner hands runs over with a happens-before edge.
 */
final class LuaEngine {
    private static final LuaString KEYS = LuaString.valueOf("KEYS");
    private static final LuaString ARGV = LuaString.valueOf("ARGV");

    /** Receives redis.register_function calls while a library loads. */
    interface Registrar {
        void register(String name, LuaFunction callback, String description, List<String> flags);
    }

    private final SandboxGlobals globals = new SandboxGlobals();
    private final ScriptHooks hooks = new ScriptHooks();
    private final ServerLog log;
    private final Lrand48 random = new Lrand48();
    private ScriptRun current;
    private CommandBridge bridge;
    private Registrar registrar;
    /** The environment compiled code runs in: the globals, or for functions a proxy (see the constructor). */
    private final LuaTable env;
    private volatile boolean loading;

    LuaEngine(ServerLog log, boolean functions) {
        this.log = log;
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        globals.load(new CoroutineLib());
        globals.load(hooks);
        LoadState.install(globals);
        LuaC.install(globals);
        LuaTable table = (LuaTable) globals.get("table");
        LuaTable math = (LuaTable) globals.get("math");
        LuaTable string = (LuaTable) globals.get("string");
        // Lua 5.1's names, which Redis scripts use.
        globals.rawset("unpack", table.get("unpack"));
        globals.rawset("loadstring", globals.get("load"));
        globals.rawset("gcinfo", fn(a -> LuaValue.valueOf(
                (int) ((Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024))));
        globals.rawset("_VERSION", LuaValue.valueOf("Lua 5.1"));
        globals.rawset("error", fn(this::error));
        table.rawset("getn", fn(a -> LuaValue.valueOf(a.checktable(1).length())));
        table.rawset("unpack", LuaValue.NIL);
        table.rawset("pack", LuaValue.NIL);
        math.rawset("mod", math.get("fmod"));
        math.rawset("random", fn(this::mathRandom));
        math.rawset("randomseed", fn(this::mathRandomseed));
        string.rawset("gfind", string.get("gmatch"));
        string.rawset("format", fn(LuaFormat::format));
        // Not in Redis's sandbox: files, modules, printing, the debug library, Lua 5.2 additions.
        for (String name : new String[] {"package", "require", "module", "dofile", "loadfile", "print", "debug",
            "rawlen", "bit32"}) {
            globals.rawset(name, LuaValue.NIL);
        }
        globals.rawset("pcall", fn(this::pcall));
        LuaValue rawset = globals.get("rawset");
        LuaValue setmetatable = globals.get("setmetatable");
        globals.rawset("rawset", fn(a -> {
            refuseProtected(a.arg1());
            return rawset.invoke(a);
        }));
        globals.rawset("setmetatable", fn(a -> {
            refuseProtected(a.arg1());
            return setmetatable.invoke(a);
        }));
        globals.rawset("bit", BitLib.create());
        globals.rawset("cjson", CjsonLib.create());
        globals.rawset("cmsgpack", CmsgpackLib.create());
        globals.rawset("struct", StructLib.create());
        Lua51Checks.install(globals);
        coroutinesWithErrorHook((LuaTable) globals.get("coroutine"));
        LuaTable redis = new LuaTable();
        redis.rawset("call", fn(a -> redisCall(a, true)));
        redis.rawset("pcall", fn(a -> redisCall(a, false)));
        redis.rawset("sha1hex", fn(this::sha1hex));
        redis.rawset("error_reply", fn(this::errorReply));
        redis.rawset("status_reply", fn(this::statusReply));
        redis.rawset("setresp", fn(this::setResp));
        redis.rawset("set_repl", fn(this::setRepl));
        redis.rawset("replicate_commands", fn(a -> LuaValue.TRUE));
        redis.rawset("breakpoint", fn(a -> LuaValue.FALSE));
        redis.rawset("debug", fn(a -> LuaValue.NONE));
        redis.rawset("acl_check_cmd", fn(a -> LuaValue.TRUE));
        redis.rawset("REPL_NONE", LuaValue.valueOf(0));
        redis.rawset("REPL_AOF", LuaValue.valueOf(1));
        redis.rawset("REPL_SLAVE", LuaValue.valueOf(2));
        redis.rawset("REPL_REPLICA", LuaValue.valueOf(2));
        redis.rawset("REPL_ALL", LuaValue.valueOf(3));
        logAndVersion(redis);
        globals.rawset("redis", redis);
        // Every table reachable from the globals becomes read-only, then the globals themselves.
        LuaValue k = LuaValue.NIL;
        List<LuaValue> names = new ArrayList<>();
        while (true) {
            Varargs n = globals.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            names.add(k);
        }
        for (LuaValue name : names) {
            LuaValue v = globals.rawget(name);
            if (v instanceof LuaTable t && !(v instanceof SandboxGlobals)) {
                globals.rawset(name, ReadOnlyTable.copyOf(t));
            }
        }
        globals.setmetatable(missingGlobals(key -> globals.rawget(key)));
        globals.freeze();
        if (functions) {
            // A library and its functions see an empty table: while the library loads, names resolve in the library
            // API (redis.register_function, redis.log, the version), afterwards in the full globals.
            LuaTable api = new LuaTable();
            api.rawset("register_function", fn(this::registerFunction));
            logAndVersion(api);
            LuaTable lib = new LuaTable();
            lib.rawset("redis", ReadOnlyTable.copyOf(api, missingGlobals(key -> LuaValue.NIL)));
            // A Globals, so the interpreter finds the hooks through it; it holds nothing itself.
            SandboxGlobals proxy = new SandboxGlobals();
            proxy.debuglib = hooks;
            proxy.running = globals.running;
            proxy.setmetatable(missingGlobals(key -> loading ? lib.rawget(key) : globals.rawget(key)));
            proxy.freeze();
            env = proxy;
        } else {
            env = globals;
        }
    }

    /**
     * Coroutines run on their own LuaThread: each gets the error hook too, so errors inside them read as Lua 5.1's
     * (not LuaJ's "@user_script:1 ..." with a Java traceback). coroutine.wrap raises a coroutine's error with the
     * caller's position added to a string, as Lua 5.1's does.
     */
    private void coroutinesWithErrorHook(LuaTable coroutine) {
        LuaValue create = coroutine.rawget("create");
        LuaValue resume = coroutine.rawget("resume");
        // LuaJ hands a coroutine's error back as its message text (a table becomes "table: ..."): the error
        // itself is kept here, by coroutine, for resume to return.
        java.util.Map<LuaValue, LuaValue> errors = new java.util.WeakHashMap<>();
        Body newCoroutine = a -> {
            LuaValue body = a.arg1();
            if (!(body instanceof LuaClosure)) {
                throw LuaArgs.argError(1, "create", "Lua function expected");
            }
            LuaValue[] self = new LuaValue[1];
            LuaValue guarded = fn(b -> {
                try {
                    return body.invoke(b);
                } catch (LuaError e) {
                    LuaValue obj = e.getMessageObject();
                    errors.put(self[0], obj == null ? LuaValue.NIL : obj);
                    throw e;
                }
            });
            LuaValue co = create.invoke(guarded).arg1();
            ((org.luaj.vm2.LuaThread) co).errorfunc = hooks.errorHook;
            self[0] = co;
            return co;
        };
        Body resumeKeepingErrors = a -> {
            Varargs r = resume.invoke(a);
            if (!r.arg1().toboolean() && errors.containsKey(a.arg1())) {
                return LuaValue.varargsOf(LuaValue.FALSE, errors.remove(a.arg1()));
            }
            return r;
        };
        coroutine.rawset("create", fn(newCoroutine));
        coroutine.rawset("resume", fn(resumeKeepingErrors));
        coroutine.rawset("wrap", fn(a -> {
            if (!(a.arg1() instanceof LuaClosure)) {
                throw LuaArgs.argError(1, "wrap", "Lua function expected");
            }
            LuaValue co = newCoroutine.apply(a).arg1();
            return fn(b -> {
                Varargs r = resumeKeepingErrors.apply(LuaValue.varargsOf(co, b));
                if (r.arg1().toboolean()) {
                    return r.subargs(2);
                }
                // Lua 5.1's auxwrap: a string error gets the position of wrap's caller (none for a C caller).
                LuaValue e = r.arg(2);
                if (e.type() == LuaValue.TSTRING || e.type() == LuaValue.TNUMBER) {
                    String text = e.type() == LuaValue.TNUMBER ? LuaArgs.numberString(e.todouble())
                            : LuaReplies.latin1(e.checkstring());
                    throw new ValueError(LuaValue.valueOf(hooks.where(1) + text));
                }
                throw new ValueError(e);
            });
        }));
    }

    /** A metatable raising Redis's errors for a missing name and for any store. */
    private static ReadOnlyTable missingGlobals(java.util.function.UnaryOperator<LuaValue> lookup) {
        LuaTable meta = new LuaTable();
        meta.rawset("__index", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                LuaValue key = a.arg(2);
                LuaValue v = lookup.apply(key);
                if (v.isnil()) {
                    throw new LuaError("Script attempted to access nonexistent global variable '"
                            + key.tojstring() + "'");
                }
                return v;
            }
        });
        meta.rawset("__newindex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                throw new LuaError(ReadOnlyTable.READONLY);
            }
        });
        return ReadOnlyTable.copyOf(meta, null);
    }

    private void logAndVersion(LuaTable t) {
        t.rawset("log", fn(this::log));
        t.rawset("LOG_DEBUG", LuaValue.valueOf(0));
        t.rawset("LOG_VERBOSE", LuaValue.valueOf(1));
        t.rawset("LOG_NOTICE", LuaValue.valueOf(2));
        t.rawset("LOG_WARNING", LuaValue.valueOf(3));
        t.rawset("REDIS_VERSION", LuaValue.valueOf(ServerIdentity.REDIS_VERSION));
        t.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(versionNum(ServerIdentity.REDIS_VERSION)));
    }

    private static int versionNum(String version) {
        String[] p = version.split("\\.");
        return (Integer.parseInt(p[0]) << 16) | (Integer.parseInt(p[1]) << 8) | Integer.parseInt(p[2]);
    }

    // ---- compiling and running

    /** A compile error, with the interpreter's message ("user_script:1: ..."). */
    static final class CompileError extends Exception {
        private static final long serialVersionUID = 1L;

        CompileError(String message) {
            super(message, null, false, false);
        }
    }

    LuaFunction compile(byte[] code, int offset, String chunkName) throws CompileError {
        try {
            Prototype p = Lua51LexState.compile(code, offset, "@" + chunkName);
            return new LuaClosure(p, env);
        } catch (LuaError | IOException e) {
            String m = e instanceof LuaError le ? le.getMessageObject().tojstring() : e.getMessage();
            if (m.startsWith("@")) {
                m = m.substring(1);
            }
            throw new CompileError(m);
        }
    }

    /**
     * Runs an EVAL script (KEYS and ARGV as globals) or a function (keys and args as its two arguments) and returns
     * the client's reply: the converted result, or the error with where it was raised, as Redis words it.
     */
    RespReply run(ScriptRun run, LuaFunction function, List<byte[]> keys, List<byte[]> args, CommandBridge via) {
        current = run;
        bridge = via;
        hooks.begin(run);
        globals.running.errorfunc = hooks.errorHook;
        try {
            LuaValue result;
            if (run.evalMode) {
                globals.force("KEYS", array(keys));
                globals.force("ARGV", array(args));
                result = function.call();
            } else {
                result = function.call(array(keys), array(args));
            }
            return LuaReplies.toReply(result);
        } catch (LuaError e) {
            return failure(run.funcname, e);
        } catch (StackOverflowError e) {
            return failure(run.funcname, stackOverflow());
        } finally {
            current = null;
            bridge = null;
            hooks.end();
            globals.running.errorfunc = null;
        }
    }

    /** Runs a library's code so it registers its functions (FUNCTION LOAD), within a time limit when given. */
    void loadLibrary(LuaFunction code, Registrar into, long timeoutMillis) throws CompileError {
        registrar = into;
        loading = true;
        hooks.loadDeadline(timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : 0);
        globals.running.errorfunc = hooks.errorHook;
        try {
            code.call();
        } catch (LuaError e) {
            throw new CompileError("Error registering functions: " + errorText(positioned(e)));
        } catch (StackOverflowError e) {
            throw new CompileError("Error registering functions: ERR stack overflow");
        } finally {
            registrar = null;
            loading = false;
            hooks.end();
            globals.running.errorfunc = null;
        }
    }

    private ErrorReply failure(String funcname, LuaError e) {
        LuaValue obj = positioned(e);
        String message = errorText(obj);
        String source = hooks.errorSource();
        String line = hooks.errorLine();
        if (source != null && line != null) {
            message = message + " script: " + funcname + ", on " + source + ":" + line + ".";
        }
        return new ErrorReply(message);
    }

    /**
     * The error's value, a runtime error's text given its position when LuaJ gave it none (a failing tail call is
     * evaluated outside the calling function).
     */
    private LuaValue positioned(LuaError e) {
        LuaValue obj = e.getMessageObject();
        if (obj != null && obj.type() == LuaValue.TSTRING && !hooks.positioned(obj.tojstring())
                && !explicitObject(e)) {
            String source = hooks.errorSource();
            String line = hooks.errorLine();
            if (source != null && line != null) {
                return LuaValue.valueOf(source.substring(source.startsWith("@") ? 1 : 0) + ":" + line + ": "
                        + hooks.reword(obj.tojstring()));
            }
        }
        return obj;
    }

    /** Errors raised with a value (error('x', 0), tables) keep it as it is. */
    private static boolean explicitObject(LuaError e) {
        return e instanceof ValueError;
    }

    /** error(value, 0) and the like: the value is the error, with no position added. */
    static final class ValueError extends LuaError {
        private static final long serialVersionUID = 1L;

        ValueError(LuaValue value) {
            super(value);
        }
    }

    /** What Redis's error handler makes of an error object: a table's err field, else "ERR " and the value. */
    private static String errorText(LuaValue obj) {
        if (obj != null && obj.istable()) {
            LuaValue err = obj.rawget(LuaReplies.ERR);
            return err.type() == LuaValue.TSTRING ? LuaReplies.latin1(err.checkstring()) : "(null)";
        }
        if (obj == null) {
            return "ERR nil";
        }
        if (obj.type() == LuaValue.TNUMBER) {
            return "ERR " + LuaArgs.numberString(obj.todouble());
        }
        return "ERR " + (obj.isstring() ? LuaReplies.latin1(obj.checkstring()) : obj.tojstring());
    }

    private static LuaTable array(List<byte[]> items) {
        LuaTable t = new Lua51Table(0, 0);
        for (int i = 0; i < items.size(); i++) {
            t.rawset(i + 1, LuaString.valueOf(items.get(i)));
        }
        return t;
    }

    // ---- the redis API

    private Varargs redisCall(Varargs a, boolean raise) {
        ScriptRun run = current;
        if (run == null) {
            throw new LuaError(LuaReplies.errorTable("redis.call/pcall can only be called inside a script invocation"));
        }
        int argc = a.narg();
        if (argc == 0) {
            return fail(LuaReplies.errorTable("Please specify at least one argument for this redis lib call"), raise);
        }
        List<byte[]> argv = new ArrayList<>(argc);
        for (int i = 1; i <= argc; i++) {
            LuaValue v = a.arg(i);
            if (v.type() == LuaValue.TNUMBER) {
                argv.add(LuaReplies.formatG17(v.todouble()).getBytes(StandardCharsets.US_ASCII));
            } else if (v.type() == LuaValue.TSTRING) {
                argv.add(LuaReplies.bytes(v.checkstring()));
            } else {
                return fail(LuaReplies.errorTable("Lua redis lib command arguments must be strings or integers"),
                        raise);
            }
        }
        RespReply reply = bridge.call(run, argv);
        if (reply instanceof ErrorReply e) {
            return fail(LuaReplies.commandError(e), raise);
        }
        return LuaReplies.toLua(reply);
    }

    private static LuaValue fail(LuaTable error, boolean raise) {
        if (raise) {
            throw new LuaError(error);
        }
        return error;
    }

    /** A protected table changed through rawset/setmetatable: Redis's error, raised without a position. */
    private static void refuseProtected(LuaValue t) {
        if (t instanceof ReadOnlyTable || t instanceof SandboxGlobals) {
            throw new ValueError(LuaValue.valueOf(ReadOnlyTable.READONLY));
        }
    }

    /** Lua's error for too deep a recursion (the JVM's stack ran out), at the last instruction run. */
    private LuaError stackOverflow() {
        return new LuaError("stack overflow");
    }

    /** Redis's pcall: an error table's err string is what the caller gets. */
    private Varargs pcall(Varargs a) {
        LuaValue f = a.checkvalue(1);
        hooks.enterJava();
        try {
            return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(a.subargs(2)));
        } catch (StackOverflowError e) {
            return LuaValue.varargsOf(LuaValue.FALSE, positioned(stackOverflow()));
        } catch (LuaError e) {
            LuaValue m = e.getMessageObject();
            if (m != null && m.istable() && m.rawget(LuaReplies.ERR).type() == LuaValue.TSTRING) {
                m = m.rawget(LuaReplies.ERR);
            }
            return LuaValue.varargsOf(LuaValue.FALSE, m == null ? LuaValue.NIL : m);
        } finally {
            hooks.leaveJava();
        }
    }

    /**
     * error(message [, level]): level 0 adds no position; 1 the calling function's; 2 and up that of the function
     * that many calls up, none when that is not a Lua function (error('x', 2) in the script's body: no position).
     */
    private Varargs error(Varargs a) {
        LuaValue m = a.arg1();
        int level = (int) LuaArgs.optInteger(a, 2, "error", 1);
        if (m.isstring() && level == 1) {
            throw new LuaError(m.tojstring(), level);
        }
        if (m.isstring() && level > 1) {
            throw new ValueError(LuaValue.valueOf(hooks.where(level) + m.tojstring()));
        }
        throw new ValueError(m);
    }

    private Varargs sha1hex(Varargs a) {
        if (a.narg() != 1) {
            throw new LuaError(LuaReplies.errorTable("wrong number of arguments"));
        }
        LuaValue v = a.arg1();
        byte[] data = v.isstring() ? LuaReplies.bytes(v.checkstring()) : new byte[0];
        return LuaValue.valueOf(sha1(data));
    }

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Varargs errorReply(Varargs a) {
        if (a.narg() != 1 || a.arg1().type() != LuaValue.TSTRING) {
            return LuaReplies.errorTable("wrong number or type of arguments");
        }
        String s = LuaReplies.latin1(a.arg1().checkstring());
        return LuaReplies.errorTable(s.startsWith("-") ? s : "-" + s);
    }

    private Varargs statusReply(Varargs a) {
        if (a.narg() != 1 || a.arg1().type() != LuaValue.TSTRING) {
            return LuaReplies.errorTable("wrong number or type of arguments");
        }
        return LuaReplies.single(LuaReplies.OK, a.arg1());
    }

    private Varargs setResp(Varargs a) {
        if (current == null) {
            throw new LuaError(LuaReplies.errorTable("redis.setresp can only be called inside a script invocation"));
        }
        if (a.narg() != 1) {
            throw new LuaError(LuaReplies.errorTable("redis.setresp() requires one argument."));
        }
        int resp = (int) a.arg1().optdouble(0);
        if (resp != 2 && resp != 3) {
            throw new LuaError(LuaReplies.errorTable("RESP version must be 2 or 3."));
        }
        return LuaValue.NONE;
    }

    private Varargs setRepl(Varargs a) {
        if (current == null) {
            throw new LuaError(LuaReplies.errorTable("redis.set_repl can only be called inside a script invocation"));
        }
        if (a.narg() != 1) {
            throw new LuaError(LuaReplies.errorTable("redis.set_repl() requires two arguments."));
        }
        int flags = (int) a.arg1().optdouble(-1);
        if ((flags & ~3) != 0) {
            throw new LuaError(LuaReplies.errorTable(
                    "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE."));
        }
        return LuaValue.NONE;
    }

    private Varargs log(Varargs a) {
        int argc = a.narg();
        if (argc < 2) {
            throw new LuaError(LuaReplies.errorTable("redis.log() requires two arguments or more."));
        }
        if (!a.arg1().isnumber()) {
            throw new LuaError(LuaReplies.errorTable("First argument must be a number (log level)."));
        }
        int level = (int) a.arg1().todouble();
        if (level < 0 || level > 3) {
            throw new LuaError(LuaReplies.errorTable("Invalid debug level."));
        }
        if (level < 2 || log == null) {
            return LuaValue.NONE; // below the default verbosity (notice)
        }
        StringBuilder line = new StringBuilder();
        for (int i = 2; i <= argc; i++) {
            LuaValue v = a.arg(i);
            if (v.isstring()) {
                if (i != 2) {
                    line.append(' ');
                }
                line.append(v.type() == LuaValue.TNUMBER ? LuaArgs.numberString(v.todouble()) : v.tojstring());
            }
        }
        if (level == 3) {
            log.warning(line.toString());
        } else {
            log.notice(line.toString());
        }
        return LuaValue.NONE;
    }

    private Varargs mathRandom(Varargs a) {
        if (current == null && !loading) {
            throw new LuaError("math.random can only be called inside a script invocation");
        }
        double r = (double) (random.next() % Lrand48.MAX) / (double) Lrand48.MAX;
        switch (a.narg()) {
            case 0:
                return LuaValue.valueOf(r);
            case 1: {
                int u = (int) LuaArgs.checkInteger(a, 1, "random");
                if (u < 1) {
                    throw LuaArgs.argError(1, "random", "interval is empty");
                }
                return LuaValue.valueOf(Math.floor(r * u) + 1);
            }
            case 2: {
                int l = (int) LuaArgs.checkInteger(a, 1, "random");
                int u = (int) LuaArgs.checkInteger(a, 2, "random");
                if (l > u) {
                    throw LuaArgs.argError(2, "random", "interval is empty");
                }
                return LuaValue.valueOf(Math.floor(r * (u - l + 1)) + l);
            }
            default:
                throw new LuaError("wrong number of arguments");
        }
    }

    private Varargs mathRandomseed(Varargs a) {
        if (current == null && !loading) {
            throw new LuaError("math.randomseed can only be called inside a script invocation");
        }
        random.seed((int) LuaArgs.checkInteger(a, 1, "randomseed"));
        return LuaValue.NONE;
    }

    private Varargs registerFunction(Varargs a) {
        if (registrar == null) {
            throw new LuaError(LuaReplies.errorTable(
                    "redis.register_function can only be called on FUNCTION LOAD command"));
        }
        int argc = a.narg();
        if (argc < 1 || argc > 2) {
            throw new LuaError(LuaReplies.errorTable("wrong number of arguments to redis.register_function"));
        }
        String name = null;
        String description = null;
        LuaFunction callback = null;
        List<String> flags = new ArrayList<>();
        if (argc == 2) {
            if (!a.arg1().isstring()) {
                throw registerError("first argument to redis.register_function must be a string");
            }
            if (!a.arg(2).isfunction()) {
                throw registerError("second argument to redis.register_function must be a function");
            }
            name = a.arg1().tojstring();
            callback = (LuaFunction) a.arg(2);
        } else {
            if (!a.arg1().istable()) {
                throw registerError("calling redis.register_function with a single argument is only applicable to "
                        + "Lua table (representing named arguments).");
            }
            LuaValue t = a.arg1();
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = t.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                LuaValue v = n.arg(2);
                if (!k.isstring()) {
                    throw registerError("named argument key given to redis.register_function is not a string");
                }
                String key = k.tojstring();
                if (key.equalsIgnoreCase("function_name")) {
                    if (!v.isstring()) {
                        throw registerError("function_name argument given to redis.register_function must be a "
                                + "string");
                    }
                    name = v.tojstring();
                } else if (key.equalsIgnoreCase("description")) {
                    if (!v.isstring()) {
                        throw registerError("description argument given to redis.register_function must be a "
                                + "string");
                    }
                    description = v.tojstring();
                } else if (key.equalsIgnoreCase("callback")) {
                    if (!v.isfunction()) {
                        throw registerError("callback argument given to redis.register_function must be a "
                                + "function");
                    }
                    callback = (LuaFunction) v;
                } else if (key.equalsIgnoreCase("flags")) {
                    if (!v.istable()) {
                        throw registerError("flags argument to redis.register_function must be a table "
                                + "representing function flags");
                    }
                    for (int i = 1; ; i++) {
                        LuaValue f = v.get(i);
                        if (f.isnil()) {
                            break;
                        }
                        String flag = f.isstring() ? ScriptFlags.canonical(f.tojstring()) : null;
                        if (flag == null) {
                            throw registerError("unknown flag given");
                        }
                        if (!flags.contains(flag)) {
                            flags.add(flag);
                        }
                    }
                } else {
                    throw registerError("unknown argument given to redis.register_function");
                }
            }
            if (name == null) {
                throw registerError("redis.register_function must get a function name argument");
            }
            if (callback == null) {
                throw registerError("redis.register_function must get a callback argument");
            }
        }
        try {
            registrar.register(name, callback, description, flags);
        } catch (IllegalArgumentException e) {
            throw registerError(e.getMessage());
        }
        return LuaValue.NONE;
    }

    private static LuaError registerError(String message) {
        return new LuaError(LuaReplies.errorTable(message));
    }


    /** Redis's redisLrand48: the drand48 generator with its fixed initial state, so sequences match. */
    static final class Lrand48 {
        static final long MAX = Integer.MAX_VALUE;
        private static final long A = 0x5DEECE66DL;
        private static final long MASK = (1L << 48) - 1;
        private long x = 0x1234ABCD330EL;

        long next() {
            x = (A * x + 0xB) & MASK;
            return x >>> 17;
        }

        void seed(int seed) {
            x = (((long) seed & 0xffffffffL) << 16 | 0x330E) & MASK;
        }
    }
}
