package dev.trib.node.replication;

import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.log.ServerLog;
import dev.trib.node.runtime.NodeRuntime;
import io.netty.channel.EventLoop;

/**
 * Which master this node follows, if any, and the link to it. The cluster tells it the target on
 * every tick; it starts, replaces or drops the link and promotes the stream when the node becomes
 * a master. Used only on the keyspace's event loop.
 */
public final class ReplicationManager {
    private final NodeRuntime runtime;
    private final ReplicationLog log;
    private final ServerLog serverLog;
    private final EventLoop loop;
    private CommandDispatcher dispatcher;
    private MasterLink link;
    private int announcedPort;
    private dev.trib.node.tls.NodeTls tls;

    public ReplicationManager(NodeRuntime runtime, ServerLog serverLog, EventLoop loop) {
        this.runtime = runtime;
        this.serverLog = serverLog;
        this.loop = loop;
        this.log = new ReplicationLog(runtime, serverLog);
    }

    public void dispatcher(CommandDispatcher value) {
        dispatcher = value;
    }

    /** TLS settings: with tls-replication yes the link to the master uses TLS. */
    public void tls(dev.trib.node.tls.NodeTls value) {
        tls = value;
    }

    public void announcedPort(int value) {
        announcedPort = value;
    }

    public ReplicationLog log() {
        return log;
    }

    /** The link to the master, or null when this node is a master. */
    public MasterLink link() {
        return link;
    }

    /** Follows host:port, or becomes a master when host is null. */
    public void target(String host, int port) {
        if (host == null) {
            if (link != null) {
                link.stop();
                link = null;
            }
            log.becomeMaster();
            return;
        }
        if (link != null && link.host().equals(host) && link.port() == port) {
            return;
        }
        if (link != null) {
            link.stop();
        }
        serverLog.notice("Connecting to MASTER " + host + ":" + port);
        link = new MasterLink(runtime, log, dispatcher, loop, serverLog, host, port, announcedPort, tls);
        link.start();
    }

    public void cron(long now, boolean writesPaused) {
        if (link != null) {
            link.cron(now);
        }
        log.cron(now, writesPaused);
    }

    /** This node's replication offset: what it produced as a master or applied as a replica. */
    public long offset() {
        return log.offset();
    }

    /**
     * How old this replica's data may be: time since the master link last carried data, or since
     * it went down (0 for a master).
     */
    public long dataAgeMillis(long now) {
        if (link == null) {
            return 0;
        }
        if (link.up()) {
            return link.lastIoMillis() == 0 ? 0 : now - link.lastIoMillis();
        }
        return link.linkDownSince() == 0 ? 0 : now - link.linkDownSince();
    }

    public void stop() {
        if (link != null) {
            link.stop();
            link = null;
        }
    }
}
