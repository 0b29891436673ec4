package dev.trib.node.command.extra;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CText;
import java.util.logging.Logger;

/**
 * MODULE LIST (always empty) and MODULE LOAD / LOADEX / UNLOAD. node-server cannot load Redis modules: they are
 * native libraries written against redis-server's C API. As in redis-server, LOAD/LOADEX/UNLOAD are first gated by
 * enable-module-command; when allowed they fail the way a module that does not load fails there (the reason goes
 * to the log), and UNLOAD finds no such module.
 */
record ModuleCommand(LiveConfig config, String sub) implements Command {
    private static final Logger LOG = Logger.getLogger(ModuleCommand.class.getName());
    private static final ErrorReply NOT_ALLOWED = new ErrorReply("ERR MODULE command not allowed. If the "
            + "enable-module-command option is set to \"local\", you can run it from a local connection, otherwise "
            + "you need to set this option in the configuration file, and then restart the server.");
    private static final ErrorReply LOAD_FAILED =
            new ErrorReply("ERR Error loading the extension. Please check the server logs.");

    @Override
    public RespReply execute(CommandRequest request) {
        if (sub.equals("list")) {
            return Replies.EMPTY_ARRAY;
        }
        String mode = config.get("enable-module-command");
        if (mode.equals("no") || (mode.equals("local") && !request.session().fromLoopback())) {
            return NOT_ALLOWED;
        }
        if (sub.equals("unload")) {
            return new ErrorReply("ERR Error unloading module: no such module with that name");
        }
        LOG.warning("Module " + CText.printed(request.arg(2), 1024)
                + " failed to load: node-server cannot load Redis modules (native redis-server extensions)");
        return LOAD_FAILED;
    }
}
