package dev.trib.node.command.scripting;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.KeyPositions;
import dev.trib.node.command.RequestGuard;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.log.ServerLog;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.planner.topology.KeySlot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;

/**
 * Runs scripts so that a slow one cannot silence the node, with Redis's semantics.
 *
 * <p>The event loop owns the keyspace, so a script that ran on it would leave nobody to answer -BUSY or to take
 * SCRIPT KILL. Instead the loop hands the script to one dedicated thread ("node-script") and goes on serving events:
 * <ul>
 * <li>Each redis.call is handed back to the loop as a task, and the script thread waits for its reply (a
 * CompletableFuture: the hand-off in both directions is a happens-before edge). The keyspace is therefore only ever
 * touched on the loop, and between two calls of the script nothing else touches it: see the next points.</li>
 * <li>Until busy-reply-threshold has passed, every other client's command is held (the client is blocked as during
 * a pause and runs its commands once the script ends), as redis-server does not read clients while a script runs.
 * The loop meanwhile skips active expiry and the serving of blocked clients.</li>
 * <li>Past the threshold, held clients resume and everything but the ALLOW_BUSY commands (SCRIPT KILL, FUNCTION KILL,
 * SHUTDOWN ...) gets -BUSY; the replication link from a master stays held. KILL sets a flag the interpreter's
 * instruction hook reads, unless the script already wrote (UNKILLABLE).</li>
 * <li>The script's writes are collected into one block and propagated when it ends: MULTI … EXEC around several,
 * as redis-server 7.0's effects replication.</li>
 * </ul>
 * A script inside MULTI/EXEC (or from a session without a connection) runs directly on the loop, as EXEC's commands
 * must not wait; it cannot be killed then.
 */
public final class ScriptRunner {
    static final ErrorReply SLOW_EVAL = new ErrorReply(
            "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.");
    static final ErrorReply SLOW_FUNCTION = new ErrorReply(
            "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.");
    private static final ErrorReply NOT_BUSY = new ErrorReply("NOTBUSY No scripts in execution right now.");
    private static final ErrorReply UNKILLABLE_WROTE = new ErrorReply("UNKILLABLE Sorry the script already executed "
            + "write commands against the dataset. You can either wait the script termination or kill the server in a "
            + "hard way using the SHUTDOWN NOSAVE command.");
    private static final ErrorReply UNKILLABLE_MASTER = new ErrorReply("UNKILLABLE The busy script was sent by a "
            + "master instance in the context of replication and cannot be killed.");

    private final CommandTable table;
    private CommandDispatcher dispatcher;
    private final ScheduledExecutorService loop;
    private final LiveConfig config;
    private final ServerLog log;
    /** Cluster routing of the script's own calls (Redis's scriptVerifyClusterState); null when standalone. */
    private final RequestGuard router;
    /** ACL permissions of the script's own calls, as its caller's user (Redis's scriptVerifyACL); may be null. */
    private RequestGuard acl;
    private final ScriptThread scriptThread = new ScriptThread();
    private final List<ClientSession> held = new ArrayList<>();
    private final List<Runnable> afterScript = new ArrayList<>();
    /** The script running now, or null. Event loop only. */
    private ScriptRun running;

    public ScriptRunner(CommandTable table, ScheduledExecutorService loop, LiveConfig config, ServerLog log,
                        RequestGuard router) {
        this.table = table;
        this.loop = loop;
        this.config = config;
        this.log = log;
        this.router = router;
    }

    /** Checks each call's ACL permissions with this guard (the node's authentication guard). */
    public void checkPermissionsWith(RequestGuard value) {
        acl = value;
    }

    /** The dispatcher redis.call runs commands through (it is built after the command table and its guards). */
    public void attach(CommandDispatcher value) {
        dispatcher = value;
    }

    /** Whether a script is running: the loop then leaves the keyspace to it (no active expiry, no blocked clients). */
    public boolean running() {
        return running != null;
    }

    /** What to do once a script has ended (serve the clients blocked on keys it made ready). */
    public void afterEachScript(Runnable action) {
        afterScript.add(action);
    }

    ScriptRun current() {
        return running;
    }

    boolean clusterMode() {
        return router != null;
    }

    /**
     * EVAL's and FCALL's run of a script for the request's caller, its first key (if any) giving the slot its calls
     * must stay in. The request itself is not propagated: the script's calls propagated their own effects, and its
     * propagation state is the last inner call's by then. @return as {@link #start}
     */
    RespReply runFor(CommandRequest request, String name, boolean eval, boolean readOnly, boolean crossSlot,
                     LuaEngine engine, LuaFunction function, int numkeys) {
        List<byte[]> keys = request.args().subList(3, 3 + numkeys);
        List<byte[]> args = request.args().subList(3 + numkeys, request.argc());
        ScriptRun run = new ScriptRun(name, eval, readOnly, crossSlot, request.session(), request.args(),
                clusterMode() && numkeys > 0 ? KeySlot.of(keys.get(0)) : -1);
        RespReply reply = start(run, engine, function, keys, args);
        request.propagation().suppress();
        return reply;
    }

    /**
     * Runs the script for its caller. @return the reply, or null when the caller is blocked and answered later
     */
    RespReply start(ScriptRun run, LuaEngine engine, LuaFunction function, List<byte[]> keys, List<byte[]> args) {
        ClientSession caller = run.caller;
        if (caller.inExec() || caller.channel() == null) {
            running = run;
            boolean opened = dispatcher.openBlock();
            try {
                return engine.run(run, function, keys, args, this::callHere);
            } finally {
                running = null;
                if (opened) {
                    dispatcher.closeBlock();
                }
            }
        }
        running = run;
        boolean opened = dispatcher.openBlock();
        long threshold = config.getLong("busy-reply-threshold");
        Handoff handoff = new Handoff();
        try {
            scriptThread.execute(() -> {
                RespReply reply;
                try {
                    reply = engine.run(run, function, keys, args, (r, argv) -> callFromScript(handoff, r, argv));
                } catch (RuntimeException | Error e) {
                    reply = new ErrorReply("ERR Error running script " + run.funcname + ", " + e);
                }
                RespReply result = reply;
                if (handoff.finished(result)) {
                    loop.execute(() -> finish(run, result, opened));
                }
            });
        } catch (RejectedExecutionException e) {
            running = null;
            if (opened) {
                dispatcher.closeBlock();
            }
            return new ErrorReply("ERR the node is shutting down");
        }
        // The event loop waits for the script, as redis-server's single thread runs it, until busy-reply-threshold:
        // most scripts end long before, and their calls run on the script thread without a hop to the loop.
        RespReply quick = handoff.await(threshold);
        if (quick != null) {
            running = null;
            if (opened) {
                dispatcher.closeBlock();
            }
            if (run.killed && log != null) {
                log.warning("Lua script killed by user with SCRIPT KILL.");
            }
            afterScript.forEach(Runnable::run);
            return quick;
        }
        // Still running: the loop goes back to its clients (BUSY, SCRIPT KILL) and the caller waits for finish().
        caller.block();
        timedOut(run);
        return null;
    }

    /**
     * Between the event loop and the script thread: whether the loop is still waiting for the script (then the
     * script's calls run directly on the script thread, the loop being parked) or has gone back to its clients (then
     * each call hops to the loop). The monitor orders the two threads' views of the keyspace.
     */
    private static final class Handoff {
        /** How long the loop spins before it sleeps on the monitor: most scripts end sooner, and a sleep and wake-up
         * cost more than a short script (perf: futex waits and wake-ups were most of an EVAL). */
        private static final long SPIN_NANOS = 50_000;
        private RespReply result;
        private volatile boolean done;
        private boolean detached;
        private boolean inCall;

        /** The script ended. @return true when the loop no longer waits, so the ending must be posted to it */
        synchronized boolean finished(RespReply reply) {
            result = reply;
            done = true;
            notifyAll();
            return detached;
        }

        /** The loop's wait: the script's reply, or null once {@code millis} passed (0: no limit) and it detached. */
        RespReply await(long millis) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!done && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            return awaitOnMonitor(millis);
        }

        private synchronized RespReply awaitOnMonitor(long millis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            boolean interrupted = false;
            try {
                while (!done) {
                    long left = millis > 0 ? deadline - System.nanoTime() : Long.MAX_VALUE;
                    if (left <= 0 && !inCall) {
                        detached = true;
                        return null;
                    }
                    try {
                        if (millis > 0 && left > 0) {
                            TimeUnit.NANOSECONDS.timedWait(this, left);
                        } else {
                            wait(); // no limit, or a call in progress past the deadline: it ends with a notify
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return result;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** @return true when the call may run here: the loop waits, and will not stop waiting until it ends */
        synchronized boolean enterDirect() {
            if (detached) {
                return false;
            }
            inCall = true;
            return true;
        }

        synchronized void leaveDirect() {
            inCall = false;
            notifyAll();
        }
    }

    private RespReply callFromScript(Handoff handoff, ScriptRun run, List<byte[]> argv) {
        if (!handoff.enterDirect()) {
            return callFromScriptThread(run, argv);
        }
        try {
            return callHere(run, argv);
        } finally {
            handoff.leaveDirect();
        }
    }

    private void timedOut(ScriptRun run) {
        if (running != run) {
            return;
        }
        run.timedOut = true;
        if (log != null) {
            log.warning("Slow script detected: still in execution after " + run.elapsedMillis() + " milliseconds. "
                    + "You can try killing the script using the " + (run.evalMode ? "SCRIPT KILL" : "FUNCTION KILL")
                    + " command. Script name is: " + run.funcname + ".");
        }
        release(false);
    }

    private void finish(ScriptRun run, RespReply reply, boolean opened) {
        running = null;
        if (opened) {
            dispatcher.closeBlock();
        }
        if (run.killed && log != null) {
            log.warning("Lua script killed by user with SCRIPT KILL.");
        }
        run.caller.resume(reply);
        afterScript.forEach(Runnable::run);
        release(true);
    }

    /** Resumes the held clients (all once the script ended; all but a master's link when it timed out). */
    private void release(boolean all) {
        List<ClientSession> resume = new ArrayList<>();
        for (var it = held.iterator(); it.hasNext(); ) {
            ClientSession s = it.next();
            if (all || !s.replicationMaster()) {
                it.remove();
                resume.add(s);
            }
        }
        resume.forEach(s -> s.resume(null));
    }

    /**
     * Whether this client's command must wait for the running script (it is then blocked and resumed later): every
     * client but the script's own caller until the script times out, a master's link until it ends.
     */
    public boolean holds(ClientSession session) {
        ScriptRun run = running;
        if (run == null || session == run.caller || (run.timedOut && !session.replicationMaster())) {
            return false;
        }
        session.block();
        held.add(session);
        return true;
    }

    /** -BUSY for what is not allowed while a script runs past its threshold (checked after the other guards). */
    public RequestGuard busyGuard() {
        return (spec, argv, session) -> {
            ScriptRun run = running;
            if (run == null || !run.timedOut || session == run.caller) {
                return null;
            }
            // SHUTDOWN is allowed only with NOSAVE, as Redis's shutdownCommand.
            boolean shutdownSaving = spec.name().equals("shutdown")
                    && argv.stream().noneMatch(a -> dev.trib.node.text.CText.equalsIgnoreCase(a, "nosave"));
            if (spec.has(CommandFlag.ALLOW_BUSY) && !shutdownSaving) {
                return null;
            }
            return run.evalMode ? SLOW_EVAL : SLOW_FUNCTION;
        };
    }

    /** SCRIPT KILL (eval) / FUNCTION KILL. */
    RespReply kill(boolean eval) {
        ScriptRun run = running;
        if (run == null) {
            return NOT_BUSY;
        }
        if (run.caller.replicationMaster()) {
            return UNKILLABLE_MASTER;
        }
        if (run.writeDirty) {
            return UNKILLABLE_WROTE;
        }
        if (eval && !run.evalMode) {
            return SLOW_FUNCTION;
        }
        if (!eval && run.evalMode) {
            return SLOW_EVAL;
        }
        run.killed = true;
        return Replies.OK;
    }

    private RespReply callFromScriptThread(ScriptRun run, List<byte[]> argv) {
        CompletableFuture<RespReply> reply = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    reply.complete(callHere(run, argv));
                } catch (RuntimeException | Error e) {
                    reply.completeExceptionally(e);
                }
            });
            return reply.get();
        } catch (RejectedExecutionException e) {
            throw new LuaError(LuaReplies.errorTable("the node is shutting down"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LuaError(LuaReplies.errorTable("interrupted"));
        } catch (ExecutionException e) {
            throw new LuaError(LuaReplies.errorTable("internal error: " + e.getCause()));
        }
    }

    /** One redis.call, on the event loop: Redis's scriptCall checks, then the command. */
    private RespReply callHere(ScriptRun run, List<byte[]> argv) {
        CommandSpec spec = table.lookup(argv.get(0));
        if (spec != null && spec.isContainer() && argv.size() >= 2) {
            String sub = CommandTable.lowerName(argv.get(1));
            spec = sub == null ? null : spec.subcommand(sub);
        }
        if (spec == null) {
            return new ErrorReply("ERR Unknown Redis command called from script");
        }
        if (!spec.acceptsArgc(argv.size())) {
            return new ErrorReply("ERR Wrong number of args calling Redis command from script");
        }
        if (spec.has(CommandFlag.NOSCRIPT)) {
            return new ErrorReply("ERR This Redis command is not allowed from script");
        }
        if (acl != null) {
            RespReply denied = acl.check(spec, argv, run.caller);
            if (denied instanceof ErrorReply e) {
                return new ErrorReply(e.message().startsWith("NOPERM this user has no permissions to access")
                        ? "ERR The user executing the script can't access at least one of the keys mentioned in the "
                        + "command arguments" : "ERR The user executing the script can't run this command or subcommand");
            }
        }
        boolean write = spec.has(CommandFlag.WRITE);
        if (run.readOnly && (write || spec.has(CommandFlag.MAY_REPLICATE))) {
            return new ErrorReply("ERR Write commands are not allowed from read-only scripts.");
        }
        if (write) {
            run.writeDirty = true;
        }
        ClientSession session = run.caller;
        boolean asking = session.asking();
        boolean inExec = session.inExec();
        session.asking(run.asking);
        try {
            if (router != null && !session.replicationMaster()) {
                RespReply refused = clusterCheck(run, spec, argv, session);
                if (refused != null) {
                    return refused;
                }
            }
            session.inExec(true); // blocking commands answer at once from a script, as inside EXEC
            return dispatcher.call(spec, argv, session);
        } finally {
            session.inExec(inExec);
            session.asking(asking);
        }
    }

    private RespReply clusterCheck(ScriptRun run, CommandSpec spec, List<byte[]> argv, ClientSession session) {
        RespReply refusal = router.check(spec, argv, session);
        if (refusal instanceof ErrorReply e) {
            String m = e.message();
            if (m.equals("CLUSTERDOWN The cluster is down and only accepts read commands")) {
                return new ErrorReply("ERR Script attempted to execute a write command while the cluster is down and "
                        + "readonly");
            }
            if (m.equals("CLUSTERDOWN The cluster is down")) {
                return new ErrorReply("ERR Script attempted to execute a command while the cluster is down");
            }
            return new ErrorReply("ERR Script attempted to access a non local key in a cluster node");
        }
        List<Integer> keys = KeyPositions.of(spec, argv);
        if (!keys.isEmpty() && !run.allowCrossSlot) {
            int slot = KeySlot.of(argv.get(keys.get(0)));
            if (run.slot == -1) {
                run.slot = slot;
            } else if (run.slot != slot) {
                return new ErrorReply("ERR Script attempted to access keys that do not hash to the same slot");
            }
        }
        return null;
    }

    /** Stops the script thread (node shutdown). */
    public void close() {
        ScriptRun run = running;
        if (run != null) {
            run.killed = true;
        }
        scriptThread.stop();
    }

    /**
     * The thread scripts run on, one at a time. After a script it spins a moment for the next before it sleeps: a
     * pipeline of EVALs then costs no wake-up per script (a wake-up costs more than a short script).
     */
    private static final class ScriptThread {
        private static final long SPIN_NANOS = 50_000;
        private final java.util.concurrent.atomic.AtomicReference<Runnable> next =
                new java.util.concurrent.atomic.AtomicReference<>();
        private volatile boolean sleeping;
        private volatile boolean stopped;
        // Deep recursion in a script uses this thread's stack, not the event loop's.
        private final Thread thread = new Thread(null, this::work, "node-script", 64L * 1024 * 1024);

        ScriptThread() {
            thread.setDaemon(true);
            thread.start();
        }

        /** Runs the task next; only one is ever pending (the loop waits for a script before it starts another). */
        void execute(Runnable task) {
            if (stopped || !next.compareAndSet(null, task)) {
                throw new RejectedExecutionException(stopped ? "stopped" : "a script is already pending");
            }
            if (sleeping) {
                java.util.concurrent.locks.LockSupport.unpark(thread);
            }
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }

        private void work() {
            while (!stopped) {
                Runnable task = take();
                if (task != null) {
                    task.run();
                }
            }
        }

        private Runnable take() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            Runnable task;
            while ((task = next.getAndSet(null)) == null && !stopped) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                sleeping = true;
                task = next.getAndSet(null); // submitted between the last poll and the flag: do not sleep
                if (task != null) {
                    sleeping = false;
                    return task;
                }
                java.util.concurrent.locks.LockSupport.park(this);
                sleeping = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
            return task;
        }
    }
}
