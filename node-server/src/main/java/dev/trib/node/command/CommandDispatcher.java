package dev.trib.node.command;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Watches;
import dev.trib.node.keyspace.WrongTypeException;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.text.CText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks a command up, checks its arity, runs the guards and then the command, turning the
 * command's failures into error replies. The checks run in Redis's order: unknown command first,
 * then arity, then authentication and cluster redirection.
 */
public final class CommandDispatcher {
    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class.getName());
    /** What runs at once inside MULTI instead of being queued, as Redis's processCommand. */
    private static final Set<String> NOT_QUEUED = Set.of("exec", "discard", "multi", "watch", "quit", "reset");
    private static final SimpleStringReply QUEUED = new SimpleStringReply("QUEUED");
    private static final byte[] MULTI = Propagation.ascii("MULTI");
    private static final byte[] EXEC = Propagation.ascii("EXEC");

    private final CommandTable table;
    private final List<RequestGuard> guards;
    private long commandsProcessed;
    private long errorReplies;
    private CommandSink sink = argv -> { };
    private CommandSink replicasOnly = argv -> { };
    private Runnable afterCommand = () -> { };
    private final List<CommandObserver> observers = new java.util.ArrayList<>();
    private final Propagation propagation = new Propagation();
    private final Watches watches;
    /** While EXEC runs: the writes to send as one block. */
    private List<List<byte[]>> pending;

    public CommandDispatcher(CommandTable table, RequestGuard... guards) {
        this(table, null, guards);
    }

    /** @param watches told of each key a write changed (WATCH), or null */
    public CommandDispatcher(CommandTable table, Watches watches, RequestGuard... guards) {
        this.table = table;
        this.watches = watches;
        this.guards = List.of(guards);
    }

    /**
     * What runs after each command from a client: serving the clients blocked on keys it made ready, as Redis's
     * processCommand calls handleClientsBlockedOnKeys.
     */
    public void afterEachCommand(Runnable action) {
        afterCommand = action;
    }

    /** Where successful write commands go, after any rewrite their command asked for. */
    public void propagateTo(CommandSink value) {
        sink = value;
    }

    /** Where commands go that replicas must get but the AOF must not ({@link Propagation#toReplicasOnly()}). */
    public void replicateOnlyTo(CommandSink value) {
        replicasOnly = value;
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
        afterCommand.run();
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
            return rejected(session, null, Errors.unknownCommand(argv));
        }
        if (spec.isContainer() && argv.size() >= 2) {
            String subName = CommandTable.lowerName(argv.get(1));
            CommandSpec sub = subName == null ? null : spec.subcommand(subName);
            if (sub == null) {
                return rejected(session, spec, new ErrorReply("ERR unknown subcommand '"
                        + CText.printed(argv.get(1), 128) + "'. Try "
                        + spec.name().toUpperCase(java.util.Locale.ROOT) + " HELP."));
            }
            spec = sub;
        }
        if (!spec.acceptsArgc(argv.size())) {
            return rejected(session, spec, Errors.wrongArity(spec.name()));
        }
        for (RequestGuard guard : guards) {
            RespReply refusal = guard.check(spec, argv, session);
            if (refusal != null) {
                if (guard.redirects() && isExec(spec)) {
                    session.endTransaction(); // as Redis: a transaction that cannot run here is dropped
                    return refusal;
                }
                return rejected(session, spec, refusal);
            }
        }
        Transaction transaction = session.transaction();
        if (transaction != null && !NOT_QUEUED.contains(spec.name())) {
            transaction.queue(spec, argv);
            return QUEUED;
        }
        return call(spec, argv, session);
    }

    /**
     * A command refused before it ran: an open transaction can no longer be executed (Redis's flagTransaction), and
     * a refused EXEC drops the transaction saying why.
     */
    private static RespReply rejected(ClientSession session, CommandSpec spec, RespReply error) {
        if (spec != null && isExec(spec)) {
            session.endTransaction();
            String message = ((ErrorReply) error).message();
            return new ErrorReply("EXECABORT Transaction discarded because of: "
                    + (message.startsWith("ERR ") ? message.substring(4) : message));
        }
        if (session.transaction() != null) {
            session.transaction().abort();
        }
        return error;
    }

    private static boolean isExec(CommandSpec spec) {
        return spec.name().equals("exec");
    }

    /**
     * Runs one command that passed every check (a queued one: when EXEC runs it), propagating its writes and
     * telling the keys' watchers.
     */
    public RespReply call(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        commandsProcessed++;
        if (observers.isEmpty()) {
            return invoke(spec, argv, session);
        }
        long start = System.nanoTime();
        RespReply reply = invoke(spec, argv, session);
        // A command that blocked has no duration yet: -1 (as Redis, the slow log and latency monitor skip it).
        long micros = session.blocked() ? -1 : (System.nanoTime() - start) / 1000;
        for (CommandObserver observer : observers) {
            observer.executed(spec, argv, session, micros);
        }
        return reply;
    }

    /** Adds an observer of executed commands (slow log, latency monitor, MONITOR clients). */
    public void observe(CommandObserver observer) {
        observers.add(observer);
    }

    /**
     * Runs a blocked client's command again, for the key that can now serve it: its writes propagated and watchers
     * told as for any call, but not counted as a new one.
     */
    public RespReply serve(List<byte[]> argv, ClientSession session) {
        return invoke(table.lookup(argv.get(0)), argv, session);
    }

    private RespReply invoke(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        try {
            // One reusable instance: commands run one at a time on this thread.
            propagation.reset();
            CommandRequest request = new CommandRequest(argv, session, propagation);
            RespReply reply = spec.command().execute(request);
            // A read-only command may still ask to propagate (PFCOUNT storing its cached estimate).
            if ((spec.flags().contains(CommandFlag.WRITE) || propagation.explicit())
                    && (!(reply instanceof ErrorReply) || request.propagation().explicit())) {
                if (propagation.asReceived()) {
                    emit(argv); // the usual case, without a list per write
                } else {
                    List<List<byte[]>> commands = propagation.commands(argv);
                    boolean block = propagation.isAtomic() && commands.size() > 1 && pending == null;
                    if (block) {
                        sink.propagate(List.of(MULTI));
                    }
                    commands.forEach(this::emit);
                    if (block) {
                        sink.propagate(List.of(EXEC));
                    }
                }
                if (watches != null && watches.any() && !propagation.suppressed()) {
                    for (int p : KeyPositions.of(spec, argv)) {
                        watches.touched(Key.of(argv.get(p)));
                    }
                }
            } else if (propagation.replicasOnly()) {
                // Inside EXEC it joins the block (which the AOF gets too); alone it reaches replicas only.
                if (pending != null) {
                    pending.add(argv);
                } else {
                    replicasOnly.propagate(argv);
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

    /** Runs one of EXEC's queued commands: the guards' last checks, then the command. */
    public RespReply callQueued(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        for (RequestGuard guard : guards) {
            RespReply refusal = guard.recheck(spec, argv, session);
            if (refusal != null) {
                return refusal;
            }
        }
        return call(spec, argv, session);
    }

    private void emit(List<byte[]> argv) {
        if (pending != null) {
            pending.add(argv);
        } else {
            sink.propagate(argv);
        }
    }

    /**
     * Runs the action (EXEC's queued commands) with its writes sent to replicas and the AOF together: several as
     * one MULTI … EXEC block, a single one alone, as Redis 7.0 propagates a transaction. Blocks do not nest: EXEC
     * is never queued.
     */
    public <T> T atomically(Supplier<T> action) {
        openBlock();
        try {
            return action.get();
        } finally {
            closeBlock();
        }
    }

    /**
     * Starts collecting writes into one block, as {@link #atomically} (a script's effects, which may end on a later
     * event-loop turn); false when one is already open (a script inside EXEC joins EXEC's block).
     */
    public boolean openBlock() {
        if (pending != null) {
            return false;
        }
        pending = new ArrayList<>();
        return true;
    }

    /** Sends the writes collected since {@link #openBlock}: several inside MULTI … EXEC, a single one alone. */
    public void closeBlock() {
        List<List<byte[]>> block = pending;
        pending = null;
        if (block == null) {
            return;
        }
        if (block.size() > 1) {
            sink.propagate(List.of(MULTI));
            block.forEach(sink::propagate);
            sink.propagate(List.of(EXEC));
        } else {
            block.forEach(sink::propagate);
        }
    }
}
