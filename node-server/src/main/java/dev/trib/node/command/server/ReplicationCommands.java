package dev.trib.node.command.server;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.Args;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.ClientSession;
import dev.trib.node.replication.MasterLink;
import dev.trib.node.replication.ReplicaPeer;
import dev.trib.node.replication.ReplicationLog;
import dev.trib.node.replication.ReplicationManager;
import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** PSYNC, SYNC, REPLCONF, WAIT, ROLE, and REPLICAOF (refused in cluster mode, as Redis does). */
public final class ReplicationCommands {
    private ReplicationCommands() {
    }

    public static void register(CommandTable table, ServerContext server, ReplicationManager replication,
                                io.netty.channel.EventLoop loop) {
        table.addKeyless("psync", -3, r -> psync(r, replication, false), ADMIN, NOSCRIPT)
                .addKeyless("sync", 1, r -> psync(r, replication, true), ADMIN, NOSCRIPT)
                .addKeyless("replconf", -1, r -> replconf(r, replication), ADMIN, NOSCRIPT, LOADING, STALE)
                .addKeyless("wait", 3, r -> waitFor(r, server, replication, loop), NOSCRIPT)
                .addKeyless("role", 1, r -> role(replication), NOSCRIPT, LOADING, STALE, FAST)
                .addKeyless("replicaof", 3, r -> replicaOf(server), ADMIN, NOSCRIPT, STALE)
                .addKeyless("slaveof", 3, r -> replicaOf(server), ADMIN, NOSCRIPT, STALE);
    }

    private static RespReply psync(CommandRequest r, ReplicationManager replication, boolean legacy) {
        if (r.session().replicationMaster()) {
            return new ErrorReply("ERR Replica can't interact with the keyspace");
        }
        String id = legacy ? "?" : new String(r.arg(1), java.nio.charset.StandardCharsets.US_ASCII);
        long offset = legacy ? -1 : Args.toLong(r.arg(2));
        replication.log().psync(r.session(), r.session().channel(), id, offset, legacy);
        return null; // the replication stream is the answer
    }

    private static RespReply replconf(CommandRequest r, ReplicationManager replication) {
        if ((r.argc() % 2) == 0) {
            return dev.trib.node.command.Errors.SYNTAX;
        }
        ClientSession session = r.session();
        for (int i = 1; i < r.argc(); i += 2) {
            if (r.argIs(i, "listening-port")) {
                session.replicaListeningPort((int) Args.toLong(r.arg(i + 1)));
            } else if (r.argIs(i, "ack")) {
                replication.log().ack(session, Args.toLong(r.arg(i + 1)));
                return null; // replicas expect no reply to ACK
            } else if (r.argIs(i, "getack")) {
                return null;
            } else if (!r.argIs(i, "capa") && !r.argIs(i, "ip-address") && !r.argIs(i, "rdb-only")) {
                return new ErrorReply("ERR Unrecognized REPLCONF option: "
                        + new String(r.arg(i), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Replies.OK;
    }

    /**
     * WAIT numreplicas timeout: how many replicas acknowledged this client's writes; blocks until
     * enough have or the timeout (0: none) passes.
     */
    private static RespReply waitFor(CommandRequest r, ServerContext server, ReplicationManager replication,
                                     io.netty.channel.EventLoop loop) {
        if (replication.link() != null) {
            return new ErrorReply("ERR WAIT cannot be used with replica instances. Please also note that since "
                    + "Redis 4.0 if a replica is configured to be writable (which is not the default) writes to "
                    + "replicas are just local and are not propagated.");
        }
        long wanted = Args.toLong(r.arg(1));
        long timeout = Args.toLong(r.arg(2));
        if (timeout < 0) {
            return new ErrorReply("ERR timeout is negative");
        }
        long target = replication.offset();
        int now = replication.log().acknowledged(target);
        if (now >= wanted || replication.log().replicas().isEmpty() || r.session().inExec()) {
            return Replies.integer(now);
        }
        ClientSession session = r.session();
        AckWait wait = new AckWait(session, replication.log(), target, wanted, loop);
        session.block(wait);
        wait.start(timeout);
        replication.log().requestAcks();
        return null;
    }

    /**
     * One blocked WAIT: answered by the acknowledgement that completes it (replicas answer GETACK at once), by
     * its timeout, or dropped with its connection; whichever comes first cancels the other two, so a client that
     * WAITs in a loop leaves nothing behind. All on the keyspace's event loop.
     */
    private static final class AckWait implements ReplicationLog.AckWaiter, dev.trib.node.command.BlockedCall {
        private final ClientSession session;
        private final ReplicationLog log;
        private final long target;
        private final long wanted;
        private final io.netty.channel.EventLoop loop;
        private final io.netty.channel.ChannelFutureListener onClose;
        private io.netty.util.concurrent.ScheduledFuture<?> timeout;
        private boolean done;

        AckWait(ClientSession session, ReplicationLog log, long target, long wanted,
                io.netty.channel.EventLoop loop) {
            this.session = session;
            this.log = log;
            this.target = target;
            this.wanted = wanted;
            this.loop = loop;
            this.onClose = f -> loop.execute(this::drop);
        }

        void start(long timeoutMillis) {
            log.awaitAcks(this);
            if (timeoutMillis > 0) {
                timeout = loop.schedule(() -> {
                    if (!done) {
                        log.stopAwaiting(this);
                        finish();
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            }
            session.channel().closeFuture().addListener(onClose);
        }

        @Override
        public boolean answered() {
            if (!done && log.acknowledged(target) >= wanted) {
                finish();
            }
            return done;
        }

        private void finish() {
            end();
            session.resume(Replies.integer(log.acknowledged(target)));
        }

        @Override
        public void timeOut() {
            if (!done) {
                log.stopAwaiting(this);
                finish();
            }
        }

        @Override
        public void fail(RespReply error) {
            if (!done) {
                end();
                log.stopAwaiting(this);
                session.resume(error);
            }
        }

        private void drop() {
            if (!done) {
                end();
                log.stopAwaiting(this);
            }
        }

        @Override
        public void unblockAndClose(RespReply error) {
            if (!done) {
                session.closeAfterReply();
                fail(error);
            }
        }

        private void end() {
            done = true;
            if (timeout != null) {
                timeout.cancel(false);
            }
            session.channel().closeFuture().removeListener(onClose);
        }
    }

    private static RespReply role(ReplicationManager replication) {
        MasterLink link = replication.link();
        if (link == null) {
            List<RespReply> replicas = new ArrayList<>();
            for (ReplicaPeer p : replication.log().replicas()) {
                replicas.add(new ArrayReply(List.of(BulkReply.of(p.ip()), BulkReply.of(Integer.toString(p.port())),
                        BulkReply.of(Long.toString(p.ackOffset())))));
            }
            return new ArrayReply(List.of(BulkReply.of("master"), Replies.integer(replication.offset()),
                    new ArrayReply(replicas)));
        }
        String state = link.up() ? "connected" : link.syncInProgress() ? "sync" : "connect";
        return new ArrayReply(List.of(BulkReply.of("slave"), BulkReply.of(link.host()), Replies.integer(link.port()),
                BulkReply.of(state), Replies.integer(link.up() ? replication.offset() : -1)));
    }

    private static RespReply replicaOf(ServerContext server) {
        if (server.clusterEnabled()) {
            return new ErrorReply("ERR REPLICAOF not allowed in cluster mode.");
        }
        return new ErrorReply("ERR REPLICAOF is not supported by node-server outside cluster mode");
    }
}
