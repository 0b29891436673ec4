package dev.trib.node.command;

import dev.trib.node.keyspace.WrongTypeException;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CText;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks a command up, checks its arity, runs the guards and then the command, turning the
 * command's failures into error replies. The checks run in Redis's order: unknown command first,
 * then arity, then authentication and cluster redirection.
 */
public final class CommandDispatcher {
    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class.getName());

    private final CommandTable table;
    private final List<RequestGuard> guards;
    private long commandsProcessed;
    private long errorReplies;
    private dev.trib.node.command.CommandSink sink = argv -> { };
    private final Propagation propagation = new Propagation();

    public CommandDispatcher(CommandTable table, RequestGuard... guards) {
        this.table = table;
        this.guards = List.of(guards);
    }

    /** Where successful write commands go, after any rewrite their command asked for. */
    public void propagateTo(dev.trib.node.command.CommandSink value) {
        sink = value;
    }

    public CommandTable table() {
        return table;
    }

    public long commandsProcessed() {
        return commandsProcessed;
    }

    public long errorReplies() {
        return errorReplies;
    }

    /**
     * @return the reply, or {@code null} when the session was told to close without one
     */
    public RespReply dispatch(List<byte[]> argv, ClientSession session) {
        boolean wasAsking = session.asking();
        RespReply reply = run(argv, session);
        // ASKING covers exactly one following command, whatever became of it.
        if (wasAsking && session.asking() && !CText.equalsIgnoreCase(argv.get(0), "asking")) {
            session.asking(false);
        }
        if (reply instanceof ErrorReply) {
            errorReplies++;
        }
        return reply;
    }

    private RespReply run(List<byte[]> argv, ClientSession session) {
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
        if (spec.isContainer() && argv.size() >= 2) {
            String subName = CommandTable.lowerName(argv.get(1));
            CommandSpec sub = subName == null ? null : spec.subcommand(subName);
            if (sub == null) {
                return new ErrorReply("ERR unknown subcommand '" + CText.printed(argv.get(1), 128) + "'. Try "
                        + spec.name().toUpperCase(java.util.Locale.ROOT) + " HELP.");
            }
            spec = sub;
        }
        if (!spec.acceptsArgc(argv.size())) {
            return Errors.wrongArity(spec.name());
        }
        for (RequestGuard guard : guards) {
            RespReply refusal = guard.check(spec, argv, session);
            if (refusal != null) {
                return refusal;
            }
        }
        commandsProcessed++;
        try {
            // One reusable instance: commands run one at a time on this thread.
            propagation.reset();
            CommandRequest request = new CommandRequest(argv, session, propagation);
            RespReply reply = spec.command().execute(request);
            if (spec.flags().contains(CommandFlag.WRITE)
                    && (!(reply instanceof ErrorReply) || request.propagation().explicit())) {
                if (propagation.asReceived()) {
                    sink.propagate(argv); // the usual case, without a list per write
                } else {
                    propagation.commands(argv).forEach(sink::propagate);
                }
            }
            return reply;
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
