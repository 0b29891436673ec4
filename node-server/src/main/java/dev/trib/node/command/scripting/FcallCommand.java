package dev.trib.node.command.scripting;

import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.NumKeysCommand;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/** FCALL and FCALL_RO: a registered function with numkeys keys and the rest as arguments. */
final class FcallCommand implements NumKeysCommand {
    private final FunctionLibraries libraries;
    private final ScriptRunner runner;
    private final boolean readOnly;

    FcallCommand(FunctionLibraries libraries, ScriptRunner runner, boolean readOnly) {
        this.libraries = libraries;
        this.runner = runner;
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
        FunctionLibraries.Function f = libraries.function(FunctionCommands.latin1(request.arg(1)));
        if (f == null) {
            return new ErrorReply("ERR Function not found");
        }
        Long numkeys = IntegerText.parse(request.arg(2));
        if (numkeys == null) {
            return new ErrorReply("ERR Bad number of keys provided");
        }
        if (numkeys > request.argc() - 3) {
            return new ErrorReply("ERR Number of keys can't be greater than number of args");
        }
        if (numkeys < 0) {
            return new ErrorReply("ERR Number of keys can't be negative");
        }
        ErrorReply refused = Preconditions.check(f.flags(), readOnly, runner.clusterMode());
        if (refused != null) {
            return refused;
        }
        boolean ro = readOnly || f.flags().contains(ScriptFlags.NO_WRITES);
        return runner.runFor(request, f.name(), false, ro, f.flags().contains(ScriptFlags.ALLOW_CROSS_SLOT),
                libraries.engine(), f.callback(), (int) (long) numkeys);
    }
}
