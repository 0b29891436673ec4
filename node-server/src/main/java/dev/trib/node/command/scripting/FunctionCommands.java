package dev.trib.node.command.scripting;

import dev.trib.node.command.Command;
import dev.trib.node.command.Errors;
import dev.trib.node.rdb.DumpPayload;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.text.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** FUNCTION LOAD, DELETE, LIST, FLUSH, STATS, KILL, DUMP, RESTORE and HELP. */
final class FunctionCommands {
    private static final RespReply HELP = HelpReply.of("FUNCTION",
            "LOAD [REPLACE] <FUNCTION CODE>",
            "    Create a new library with the given library name and code.",
            "DELETE <LIBRARY NAME>",
            "    Delete the given library.",
            "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
            "    Return general information on all the libraries:",
            "    * Library name",
            "    * The engine used to run the Library",
            "    * Library description",
            "    * Functions list",
            "    * Library code (if WITHCODE is given)",
            "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
            "STATS",
            "    Return information about the current function running:",
            "    * Function name",
            "    * Command used to run the function",
            "    * Duration in MS that the function is running",
            "    If no function is running, return nil",
            "    In addition, returns a list of available engines.",
            "KILL",
            "    Kill the current running function.",
            "FLUSH [ASYNC|SYNC]",
            "    Delete all the libraries.",
            "    When called without the optional mode argument, the behavior is determined by the",
            "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
            "    * ASYNC: Asynchronously flush the libraries.",
            "    * SYNC: Synchronously flush the libraries.",
            "DUMP",
            "    Return a serialized payload representing the current libraries, can be restored using FUNCTION "
                    + "RESTORE command",
            "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
            "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
            "    control how to handle existing libraries (default APPEND):",
            "    * FLUSH: delete all existing libraries.",
            "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
            "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
            "      libraries with the new libraries (notice that even on this option there is a chance of failure",
            "      in case of functions name collision with another library).");

    private FunctionCommands() {
    }

    static Command load(FunctionLibraries libraries) {
        return request -> {
            boolean replace = false;
            int i = 2;
            while (i < request.argc() - 1) {
                if (request.argIs(i, "replace")) {
                    replace = true;
                    i++;
                    continue;
                }
                return new ErrorReply("ERR Unknown option given: " + latin1(request.arg(i)));
            }
            if (i >= request.argc()) {
                return new ErrorReply("ERR Function code is missing");
            }
            // The master's stream and the AOF load without the time limit, as Redis (mustObeyClient).
            long timeout = request.session().replicationMaster() ? 0 : FunctionLibraries.LOAD_TIMEOUT_MS;
            try {
                return BulkReply.of(libraries.load(request.arg(i), replace, timeout));
            } catch (EvalScripts.ScriptException e) {
                return e.reply();
            }
        };
    }

    static Command delete(FunctionLibraries libraries) {
        return request -> libraries.delete(latin1(request.arg(2))) ? Replies.OK
                : new ErrorReply("ERR Library not found");
    }

    static Command flush(FunctionLibraries libraries) {
        return request -> {
            if (request.argc() > 3 || (request.argc() == 3 && !request.argIs(2, "sync")
                    && !request.argIs(2, "async"))) {
                return new ErrorReply("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
            }
            libraries.flush();
            return Replies.OK;
        };
    }

    static Command list(FunctionLibraries libraries) {
        return request -> {
            boolean withCode = false;
            byte[] pattern = null;
            for (int i = 2; i < request.argc(); i++) {
                if (!withCode && request.argIs(i, "withcode")) {
                    withCode = true;
                    continue;
                }
                if (pattern == null && request.argIs(i, "libraryname")) {
                    if (i >= request.argc() - 1) {
                        return new ErrorReply("ERR library name argument was not given");
                    }
                    pattern = request.arg(++i);
                    continue;
                }
                return new ErrorReply("ERR Unknown argument " + latin1(request.arg(i)));
            }
            List<RespReply> out = new ArrayList<>();
            for (FunctionLibraries.Library lib : libraries.libraries()) {
                byte[] name = lib.name.getBytes(StandardCharsets.ISO_8859_1);
                if (pattern != null && !Glob.matches(lower(pattern), lower(name))) {
                    continue;
                }
                List<RespReply> functions = new ArrayList<>();
                for (FunctionLibraries.Function f : lib.functions.values()) {
                    List<RespReply> flags = new ArrayList<>();
                    f.flags().forEach(flag -> flags.add(new SimpleStringReply(flag)));
                    functions.add(Replies.array(List.of(BulkReply.of("name"), BulkReply.of(f.name()),
                            BulkReply.of("description"),
                            f.description() == null ? Replies.NULL_BULK : BulkReply.of(f.description()),
                            BulkReply.of("flags"), Replies.array(flags))));
                }
                List<RespReply> entry = new ArrayList<>(List.of(BulkReply.of("library_name"), BulkReply.of(lib.name),
                        BulkReply.of("engine"), BulkReply.of("LUA"), BulkReply.of("functions"),
                        Replies.array(functions)));
                if (withCode) {
                    entry.add(BulkReply.of("library_code"));
                    entry.add(new BulkReply(lib.code));
                }
                out.add(Replies.array(entry));
            }
            return Replies.array(out);
        };
    }

    static Command stats(FunctionLibraries libraries, ScriptRunner runner) {
        return request -> {
            ScriptRun run = runner.current();
            if (run != null && run.evalMode) {
                return ScriptRunner.SLOW_EVAL;
            }
            RespReply running = Replies.NULL_BULK;
            if (run != null) {
                running = Replies.array(List.of(BulkReply.of("name"), BulkReply.of(run.funcname),
                        BulkReply.of("command"), Replies.bulks(run.argv), BulkReply.of("duration_ms"),
                        Replies.integer(run.elapsedMillis())));
            }
            RespReply lua = Replies.array(List.of(BulkReply.of("libraries_count"),
                    Replies.integer(libraries.libraries().size()), BulkReply.of("functions_count"),
                    Replies.integer(libraries.functionCount())));
            return Replies.array(List.of(BulkReply.of("running_script"), running, BulkReply.of("engines"),
                    Replies.array(List.of(BulkReply.of("LUA"), lua))));
        };
    }

    static Command kill(ScriptRunner runner) {
        return request -> runner.kill(false);
    }

    /** Redis's own payload format: FUNCTION2 records (each library's code), the RDB version, a CRC-64. */
    static Command dump(FunctionLibraries libraries) {
        return request -> {
            List<byte[]> codes = new ArrayList<>();
            libraries.libraries().forEach(lib -> codes.add(lib.code));
            return new BulkReply(DumpPayload.dumpFunctions(codes));
        };
    }

    static Command restore(FunctionLibraries libraries) {
        return request -> {
            if (request.argc() > 4) {
                return Errors.subcommandSyntax(request.args());
            }
            boolean flush = false;
            boolean replace = false;
            if (request.argc() == 4) {
                if (request.argIs(3, "flush")) {
                    flush = true;
                } else if (request.argIs(3, "replace")) {
                    replace = true;
                } else if (!request.argIs(3, "append")) {
                    return new ErrorReply("ERR Wrong restore policy given, value should be either FLUSH, APPEND or "
                            + "REPLACE.");
                }
            }
            List<byte[]> codes;
            try {
                codes = DumpPayload.restoreFunctions(request.arg(2));
            } catch (DumpPayload.ChecksumException e) {
                return new ErrorReply("ERR DUMP payload version or checksum are wrong");
            } catch (IllegalArgumentException e) {
                return new ErrorReply("ERR " + e.getMessage());
            }
            List<FunctionLibraries.Library> incoming = new ArrayList<>();
            try {
                for (byte[] code : codes) {
                    incoming.add(libraries.create(code, 0));
                }
                if (flush) {
                    libraries.flush();
                }
                libraries.join(incoming, replace);
            } catch (EvalScripts.ScriptException e) {
                return e.reply();
            }
            return Replies.OK;
        };
    }

    static Command help() {
        return request -> HELP;
    }

    /** ASCII lower case: the library pattern matches without case, as Redis's stringmatchlen(..., nocase). */
    private static byte[] lower(byte[] b) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] += 32;
            }
        }
        return out;
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
