package dev.trib.node.command.scripting;

import static dev.trib.node.command.CommandFlag.ALLOW_BUSY;
import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.NO_MANDATORY_KEYS;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.SKIP_MONITOR;
import static dev.trib.node.command.CommandFlag.STALE;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.log.ServerLog;

/**
 * EVAL / EVALSHA / EVAL_RO / EVALSHA_RO, SCRIPT, FUNCTION, FCALL / FCALL_RO, with redis-server 7.0's arities and
 * flags. The keys of the script commands are the numkeys keys after the script (routing, CROSSSLOT).
 */
public final class ScriptingCommands {
    private ScriptingCommands() {
    }

    /** @param keyspace keeps the function libraries' code for snapshots, and gives back a loaded snapshot's */
    public static void register(CommandTable table, ScriptRunner runner, ServerLog log, Keyspace keyspace) {
        EvalScripts scripts = new EvalScripts(log);
        FunctionLibraries libraries = new FunctionLibraries(log);
        libraries.onChange(keyspace::functionCodes);
        keyspace.onFunctionsLoaded(libraries::replaceAll);
        table.add("eval", -3, 0, 0, 0, new EvalCommand(scripts, runner, false, false),
                        NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS)
                .add("evalsha", -3, 0, 0, 0, new EvalCommand(scripts, runner, true, false),
                        NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS)
                .add("eval_ro", -3, 0, 0, 0, new EvalCommand(scripts, runner, false, true),
                        READONLY, NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS)
                .add("evalsha_ro", -3, 0, 0, 0, new EvalCommand(scripts, runner, true, true),
                        READONLY, NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS)
                .add("fcall", -3, 0, 0, 0, new FcallCommand(libraries, runner, false),
                        NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS)
                .add("fcall_ro", -3, 0, 0, 0, new FcallCommand(libraries, runner, true),
                        READONLY, NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS)
                .addKeyless("script", -2, null)
                .addSubcommand("script", "debug", 3, ScriptCommands.debug(), NOSCRIPT)
                .addSubcommand("script", "kill", 2, ScriptCommands.kill(runner), NOSCRIPT, ALLOW_BUSY)
                .addSubcommand("script", "load", 3, ScriptCommands.load(scripts), NOSCRIPT, STALE)
                .addSubcommand("script", "help", 2, ScriptCommands.help(), LOADING, STALE)
                .addSubcommand("script", "exists", -3, ScriptCommands.exists(scripts), NOSCRIPT)
                .addSubcommand("script", "flush", -2, ScriptCommands.flush(scripts), NOSCRIPT)
                .addKeyless("function", -2, null)
                .addSubcommand("function", "restore", -3, FunctionCommands.restore(libraries), WRITE, DENYOOM,
                        NOSCRIPT)
                .addSubcommand("function", "kill", 2, FunctionCommands.kill(runner), NOSCRIPT, ALLOW_BUSY)
                .addSubcommand("function", "load", -3, FunctionCommands.load(libraries), WRITE, DENYOOM, NOSCRIPT)
                .addSubcommand("function", "list", -2, FunctionCommands.list(libraries), NOSCRIPT)
                .addSubcommand("function", "help", 2, FunctionCommands.help(), LOADING, STALE)
                .addSubcommand("function", "delete", 3, FunctionCommands.delete(libraries), WRITE, NOSCRIPT)
                .addSubcommand("function", "dump", 2, FunctionCommands.dump(libraries), NOSCRIPT)
                .addSubcommand("function", "flush", -2, FunctionCommands.flush(libraries), WRITE, NOSCRIPT)
                .addSubcommand("function", "stats", 2, FunctionCommands.stats(libraries, runner), NOSCRIPT,
                        ALLOW_BUSY);
    }
}
