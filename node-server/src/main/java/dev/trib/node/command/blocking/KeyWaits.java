package dev.trib.node.command.blocking;

import dev.trib.node.command.BlockedCall;
import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.ValueType;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, XREAD ...), on the node's one event loop, without a thread
 * each: Redis's blocking_keys and ready_keys. A key that gets a value where there was none is ready, and so is a
 * stream an XADD grew or whose group or key went away; after the command that made it so, its clients are served
 * first come, first served, each by running its command again for that key (so the pop is propagated and watchers
 * told as for any write) when its {@link Readiness} says so, while the key still holds something.
 * Served clients get their replies, and run what they sent meanwhile, once every ready key has been seen, as Redis
 * runs them before it sleeps. A timeout is a timer on the loop; a closed connection leaves its waits.
 */
public final class KeyWaits {
    /**
     * What a blocked command waits for.
     *
     * @param keys         the keys in the command's order (one is enough)
     * @param type         the value it can be served from
     * @param timeoutMillis 0 for ever
     * @param timeoutReply what it answers when the time is up (Redis 7.0: a null array for every blocking command)
     * @param servingArgv  the command that serves it from one key (its own, naming only that key)
     */
    public record Wait(List<Key> keys, Class<? extends RedisValue> type, long timeoutMillis, RespReply timeoutReply,
                       Function<Key, List<byte[]>> servingArgv, Readiness readiness) {
        /** A wait served as soon as the key holds a value of the type. */
        public Wait(List<Key> keys, Class<? extends RedisValue> type, long timeoutMillis, RespReply timeoutReply,
                    Function<Key, List<byte[]>> servingArgv) {
            this(keys, type, timeoutMillis, timeoutReply, servingArgv,
                    (key, value) -> type.isInstance(value) ? Verdict.SERVE : Verdict.WAIT);
        }
    }

    /** What a ready key's value (null when it is gone) means for one waiter. */
    @FunctionalInterface
    public interface Readiness {
        Verdict check(Key key, RedisValue value);
    }

    /**
     * Serve the waiter by running its command again, let it wait on, or end its wait with an error (XREADGROUP whose
     * stream or group went away).
     */
    public record Verdict(boolean serve, RespReply error) {
        public static final Verdict SERVE = new Verdict(true, null);
        public static final Verdict WAIT = new Verdict(false, null);

        public static Verdict fail(RespReply error) {
            return new Verdict(false, error);
        }
    }

    private final Keyspace keyspace;
    private final CommandDispatcher dispatcher;
    private final ScheduledExecutorService timers;
    private final Map<Key, Set<Waiter>> byKey = new HashMap<>();
    /** In the order the clients blocked. */
    private final Map<ClientSession, Waiter> bySession = new LinkedHashMap<>();
    private final Set<Key> ready = new LinkedHashSet<>();
    private ClientSession serving;

    /** @param timers the keyspace's event loop, which runs the timeouts */
    public KeyWaits(Keyspace keyspace, CommandDispatcher dispatcher, ScheduledExecutorService timers) {
        this.keyspace = keyspace;
        this.dispatcher = dispatcher;
        this.timers = timers;
    }

    /**
     * Leaves the caller waiting, or answers {@code instead} when it may not wait: inside EXEC (Redis's
     * CLIENT_DENY_BLOCKING), on the link from a master, without a connection (AOF loading), or while being served.
     *
     * @return null when the client now waits (its reply comes later), else {@code instead}
     */
    public RespReply await(CommandRequest request, Wait wait, RespReply instead) {
        request.propagation().suppress();
        ClientSession session = request.session();
        if (session.inExec() || session.replicationMaster() || session.channel() == null || session == serving) {
            return instead;
        }
        Waiter w = new Waiter(session, wait);
        bySession.put(session, w);
        for (Key key : wait.keys()) {
            byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(w);
        }
        if (wait.timeoutMillis() > 0) {
            w.timer = timers.schedule(w::timeOut, wait.timeoutMillis(), TimeUnit.MILLISECONDS);
        }
        session.block(w);
        return null;
    }

    /** The keyspace's hook: a value was stored under a key that had none, or a stream got entries. */
    public void added(Key key, ValueType type) {
        if (!byKey.isEmpty() && byKey.containsKey(key)) {
            ready.add(key);
        }
    }

    /** The keyspace's hook: a value was removed or replaced; a stream's group waiters must hear of it. */
    public void removed(Key key, ValueType type) {
        if (!byKey.isEmpty() && type == ValueType.STREAM && byKey.containsKey(key)) {
            ready.add(key);
        }
    }

    /** Serves the clients blocked on the keys that became ready (after each command, and before replies go out). */
    public void serveReady() {
        if (ready.isEmpty() || serving != null) {
            return;
        }
        List<Waiter> served = new ArrayList<>();
        List<RespReply> replies = new ArrayList<>();
        while (!ready.isEmpty()) {
            Key key = ready.iterator().next();
            ready.remove(key);
            Set<Waiter> waiting = byKey.get(key);
            if (waiting == null) {
                continue;
            }
            for (Waiter w : List.copyOf(waiting)) {
                if (!w.active()) {
                    continue;
                }
                Verdict verdict = w.wait.readiness().check(key, keyspace.get(key)); // null once emptied by those before
                if (verdict.error() != null) {
                    w.end();
                    served.add(w);
                    replies.add(verdict.error());
                    continue;
                }
                if (!verdict.serve()) {
                    continue;
                }
                w.end();
                serving = w.session;
                try {
                    replies.add(dispatcher.serve(w.wait.servingArgv().apply(key), w.session));
                } finally {
                    serving = null;
                }
                served.add(w);
            }
        }
        for (int i = 0; i < served.size(); i++) {
            served.get(i).session.resume(replies.get(i));
        }
    }

    /** A closed connection (or RESET) leaves its wait, answered by nobody. */
    public void drop(ClientSession session) {
        Waiter w = bySession.get(session);
        if (w != null) {
            w.end();
        }
    }

    /**
     * Ends the waits the verdict has a reply for, given each one's first key (in cluster mode: the redirection for a
     * slot this node no longer serves), in the order the clients blocked.
     */
    public void endWhere(Function<Key, RespReply> verdict) {
        List<Waiter> ended = new ArrayList<>();
        List<RespReply> replies = new ArrayList<>();
        for (Waiter w : List.copyOf(bySession.values())) {
            RespReply reply = verdict.apply(w.wait.keys().get(0));
            if (reply != null) {
                w.end();
                ended.add(w);
                replies.add(reply);
            }
        }
        for (int i = 0; i < ended.size(); i++) {
            ended.get(i).session.resume(replies.get(i));
        }
    }

    /** Ends every wait with this reply and closes the connections after it (a master that became a replica). */
    public void endAllAndClose(RespReply reply) {
        for (Waiter w : List.copyOf(bySession.values())) {
            w.end();
            w.session.closeAfterReply();
            w.session.resume(reply);
        }
    }

    /** Whether this client's command is running again to serve its wait (its reply may then be empty). */
    public boolean serving(ClientSession session) {
        return serving == session;
    }

    /** Whether any client waits. */
    public boolean any() {
        return !bySession.isEmpty();
    }

    /** One blocked client. */
    private final class Waiter implements BlockedCall {
        final ClientSession session;
        final Wait wait;
        Future<?> timer;

        Waiter(ClientSession session, Wait wait) {
            this.session = session;
            this.wait = wait;
        }

        boolean active() {
            return bySession.get(session) == this;
        }

        /** Leaves every list it is on and stops its timer. */
        void end() {
            bySession.remove(session, this);
            for (Key key : wait.keys()) {
                Set<Waiter> waiting = byKey.get(key);
                if (waiting != null && waiting.remove(this) && waiting.isEmpty()) {
                    byKey.remove(key);
                }
            }
            if (timer != null) {
                timer.cancel(false);
            }
        }

        @Override
        public void timeOut() {
            if (active()) {
                end();
                session.resume(wait.timeoutReply());
            }
        }

        @Override
        public void fail(RespReply error) {
            if (active()) {
                end();
                session.resume(error);
            }
        }
    }
}
