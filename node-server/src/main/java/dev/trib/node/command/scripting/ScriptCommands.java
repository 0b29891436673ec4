package dev.trib.node.command.scripting;

import dev.trib.node.command.Command;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** SCRIPT LOAD, EXISTS, FLUSH, KILL, DEBUG and HELP. */
final class ScriptCommands {
    private static final RespReply HELP = HelpReply.of("SCRIPT",
            "DEBUG (YES|SYNC|NO)",
            "    Set the debug mode for subsequent scripts executed.",
            "EXISTS <sha1> [<sha1> ...]",
            "    Return information about the existence of the scripts in the script cache.",
            "FLUSH [ASYNC|SYNC]",
            "    Flush the Lua scripts cache. Very dangerous on replicas.",
            "    When called without the optional mode argument, the behavior is determined by the",
            "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
            "    * ASYNC: Asynchronously flush the scripts cache.",
            "    * SYNC: Synchronously flush the scripts cache.",
            "KILL",
            "    Kill the currently executing Lua script.",
            "LOAD <script>",
            "    Load a script into the scripts cache without executing it.");

    private ScriptCommands() {
    }

    static Command load(EvalScripts scripts) {
        return request -> {
            try {
                return new BulkReply(scripts.load(request.arg(2)).sha().getBytes(StandardCharsets.US_ASCII));
            } catch (EvalScripts.ScriptException e) {
                return e.reply();
            }
        };
    }

    static Command exists(EvalScripts scripts) {
        return request -> {
            List<RespReply> out = new ArrayList<>();
            for (int i = 2; i < request.argc(); i++) {
                out.add(Replies.bool(scripts.exists(new String(request.arg(i), StandardCharsets.ISO_8859_1))));
            }
            return Replies.array(out);
        };
    }

    static Command flush(EvalScripts scripts) {
        return request -> {
            if (request.argc() > 3 || (request.argc() == 3 && !request.argIs(2, "sync")
                    && !request.argIs(2, "async"))) {
                return new ErrorReply("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
            }
            scripts.flush();
            return Replies.OK;
        };
    }

    static Command kill(ScriptRunner runner) {
        return request -> runner.kill(true);
    }

    /** The Lua debugger is not offered: turning it on is refused, turning it off is a no-op. */
    static Command debug() {
        return request -> {
            if (request.argIs(2, "no")) {
                return Replies.OK;
            }
            if (request.argIs(2, "yes") || request.argIs(2, "sync")) {
                return new ErrorReply("ERR SCRIPT DEBUG is not supported by this node");
            }
            return new ErrorReply("ERR Use SCRIPT DEBUG YES/SYNC/NO");
        };
    }

    static Command help() {
        return request -> HELP;
    }
}
