package dev.trib.node.command.scripting;

import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.NumKeysCommand;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;
import java.nio.charset.StandardCharsets;

/** EVAL, EVALSHA and their _RO forms: a script with numkeys keys (KEYS) and the rest as ARGV. */
final class EvalCommand implements NumKeysCommand {
    static final ErrorReply NOSCRIPT = new ErrorReply("NOSCRIPT No matching script. Please use EVAL.");

    private final EvalScripts scripts;
    private final ScriptRunner runner;
    private final boolean sha;
    private final boolean readOnly;

    EvalCommand(EvalScripts scripts, ScriptRunner runner, boolean sha, boolean readOnly) {
        this.scripts = scripts;
        this.runner = runner;
        this.sha = sha;
        this.readOnly = readOnly;
    }

    @Override
    public int numkeysIndex() {
        return 2;
    }

    @Override
    public boolean destinationFirst() {
        return false;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        Long numkeys = IntegerText.parse(request.arg(2));
        if (numkeys == null) {
            return Errors.NOT_INTEGER;
        }
        if (numkeys > request.argc() - 3) {
            return new ErrorReply("ERR Number of keys can't be greater than number of args");
        }
        if (numkeys < 0) {
            return new ErrorReply("ERR Number of keys can't be negative");
        }
        EvalScripts.Script script;
        if (sha) {
            byte[] given = request.arg(1);
            script = given.length == 40 ? scripts.get(new String(given, StandardCharsets.ISO_8859_1)) : null;
            if (script == null) {
                return NOSCRIPT;
            }
        } else {
            try {
                script = scripts.load(request.arg(1));
            } catch (EvalScripts.ScriptException e) {
                return e.reply();
            }
        }
        ErrorReply refused = Preconditions.check(script.flags(), readOnly, runner.clusterMode());
        if (refused != null) {
            return refused;
        }
        boolean ro = readOnly || (!script.compat() && script.flags().contains(ScriptFlags.NO_WRITES));
        boolean crossSlot = script.compat() || script.flags().contains(ScriptFlags.ALLOW_CROSS_SLOT);
        return runner.runFor(request, script.sha(), true, ro, crossSlot, scripts.engine(), script.function(),
                (int) (long) numkeys);
    }
}
