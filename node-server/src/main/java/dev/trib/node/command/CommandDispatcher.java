package dev.trib.node.command;

import dev.trib.node.keyspace.WrongTypeException;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CText;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks a command up, checks its arity and runs it, turning the command's failures into error
 * replies. The checks run in Redis's order: unknown command first, then arity.
 */
public final class CommandDispatcher {
    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class.getName());

    private final CommandTable table;

    public CommandDispatcher(CommandTable table) {
        this.table = table;
    }

    public CommandTable table() {
        return table;
    }

    /**
     * @return the reply, or {@code null} when the session was told to close without one
     */
    public RespReply dispatch(List<byte[]> argv, ClientSession session) {
        byte[] name = argv.get(0);
        if (CText.equalsIgnoreCase(name, "host:") || CText.equalsIgnoreCase(name, "post")) {
            // Someone is speaking HTTP to us (a cross-protocol attack); Redis drops them silently.
            session.closeWithoutReply();
            return null;
        }
        CommandSpec spec = table.lookup(name);
        if (spec == null) {
            return Errors.unknownCommand(argv);
        }
        if (!spec.acceptsArgc(argv.size())) {
            return Errors.wrongArity(spec.name());
        }
        try {
            return spec.command().execute(new CommandRequest(argv, session));
        } catch (RedisError e) {
            return e.reply();
        } catch (WrongTypeException e) {
            return Errors.WRONGTYPE;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "command " + spec.name() + " failed", e);
            return new ErrorReply("ERR internal error while executing '" + spec.name() + "'");
        }
    }
}
