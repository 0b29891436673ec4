package dev.trib.commands.node;

import dev.trib.commands.node.resp.RespConnection;
import dev.trib.commands.node.resp.Reply;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.ViewParts;
import dev.trib.planner.topology.SlotSet;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link NodeClient} over one blocking RESP connection. Replies are parsed here, in one place per command. Calls are
 * serialised: a migration may inform a node of a new slot owner while another worker uses it.
 */
final class SocketNodeClient implements NodeClient {
    private final HostAndPort address;
    private final RespConnection connection;
    private final ViewParts viewParts;
    private volatile boolean broken;
    private volatile ServerVersion version;

    /** @param viewParts shared by the clients of one connector: the nodes of one cluster, whose views repeat */
    SocketNodeClient(HostAndPort address, RespConnection connection, ViewParts viewParts) {
        this.address = address;
        this.connection = connection;
        this.viewParts = viewParts;
    }

    @Override
    public HostAndPort address() {
        return address;
    }

    @Override
    public String clusterNodesRaw() {
        return text("CLUSTER", "NODES");
    }

    @Override
    public ClusterView clusterView() {
        return withOwnAddress(NodesParser.parse(clusterNodesRaw(), viewParts));
    }

    @Override
    public State state(boolean withInfo) {
        Object[][] commands = {{"CLUSTER", "NODES"}, {"CLUSTER", "INFO"}, {"DBSIZE"}, {"INFO", "default"}};
        List<Reply> replies = pipeline(List.of(commands).subList(0, withInfo ? 4 : 3));
        for (int i = 0; i < 3; i++) {
            refuseError(replies.get(i), commands[i]);
        }
        // INFO only adds figures: a node that refuses it (an ACL without INFO) is still loaded, without them.
        Map<String, String> info = withInfo && !(replies.get(3) instanceof Reply.Error)
                ? keyValues(Batch.text(replies.get(3))) : Map.of();
        return new State(withOwnAddress(NodesParser.parse(Batch.text(replies.get(0)), viewParts)),
                keyValues(Batch.text(replies.get(1))), integer(replies.get(2), commands[2]), info);
    }

    private ClusterView withOwnAddress(ClusterView view) {
        if (view.myself().map(m -> m.address().hasIp()).orElse(true)) {
            return view;
        }
        // A node that was never MEETed prints ":port@cport" for itself; we know where we reached it.
        List<ClusterNode> fixed = view.nodes().stream().map(n -> n.isMyself()
                ? n.withAddress(new NodeAddress(address.host(), n.address().port(), n.address().clusterPort(),
                n.address().hostname()))
                : n).toList();
        return new ClusterView(fixed);
    }

    @Override
    public Map<String, String> clusterInfo() {
        return keyValues(text("CLUSTER", "INFO"));
    }

    @Override
    public Map<String, String> info(String section) {
        return keyValues(text("INFO", section));
    }

    @Override
    public long dbSize() {
        return integer(call("DBSIZE"), new Object[] {"DBSIZE"});
    }

    @Override
    public ServerVersion serverVersion() {
        ServerVersion v = version;
        if (v == null) {
            v = ServerVersion.fromInfo(info("server"));
            version = v;
        }
        return v;
    }

    @Override
    public void addSlots(SlotSet slots) {
        if (!slots.isEmpty()) {
            call(SlotCommands.addSlots(slots, serverVersion()));
        }
    }

    @Override
    public void setConfigEpoch(long epoch) {
        call("CLUSTER", "SET-CONFIG-EPOCH", epoch);
    }

    @Override
    public void replicate(String masterId) {
        call("CLUSTER", "REPLICATE", masterId);
    }

    @Override
    public void forget(String nodeId) {
        call("CLUSTER", "FORGET", nodeId);
    }

    @Override
    public void resetSoft() {
        call("CLUSTER", "RESET", "SOFT");
    }

    @Override
    public void configSet(String name, String value) {
        call("CONFIG", "SET", name, value);
    }

    @Override
    public void configRewrite() {
        call("CONFIG", "REWRITE");
    }

    @Override
    public Reply command(List<String> args) {
        // Through pipeline so an error reply comes back as a value: for trib call it is a result, not a failure.
        return pipeline(List.<Object[]>of(args.toArray())).get(0);
    }

    @Override
    public Batch batch() {
        return new Batch(this::pipeline);
    }

    @Override
    public Batch batch(java.time.Duration replyWait) {
        int ms = (int) Math.min(Integer.MAX_VALUE, replyWait.toMillis());
        return new Batch(commands -> pipeline(commands, ms));
    }

    @Override
    public synchronized long saveSnapshot(java.nio.file.Path file) {
        broken = true; // after SYNC the node streams its writes on this connection
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
            return connection.syncSnapshot(out);
        } catch (IOException e) {
            throw new NodeAccessException(address, Failures.reason(e) + " while copying its snapshot", e);
        }
    }

    /** True once an I/O failure left this connection unusable; the connector then opens a new one. */
    boolean broken() {
        return broken;
    }

    /** Sends the commands in one round trip; replies in order, error replies as values. */
    synchronized List<Reply> pipeline(List<Object[]> commands) {
        return pipeline(commands, 0);
    }

    /** @param replyWaitMs how long the replies may take when longer than the command timeout (0: as usual) */
    synchronized List<Reply> pipeline(List<Object[]> commands, int replyWaitMs) {
        try {
            return replyWaitMs > 0 ? connection.pipeline(commands, replyWaitMs) : connection.pipeline(commands);
        } catch (IOException e) {
            broken = true;
            throw new NodeAccessException(address, Failures.reason(e), e);
        }
    }

    @Override
    public void close() {
        broken = true;
        connection.close();
    }

    private String text(Object... args) {
        return Batch.text(call(args));
    }

    /** Sends one command; error replies and I/O failures become exceptions naming this node. */
    synchronized Reply call(Object... args) {
        Reply reply;
        try {
            reply = connection.call(args);
        } catch (IOException e) {
            broken = true; // the stream may be mid-reply: never reuse it
            throw new NodeAccessException(address, Failures.reason(e), e);
        }
        refuseError(reply, args);
        return reply;
    }

    /** An error reply becomes an exception naming this node: an access failure when it is about credentials. */
    private void refuseError(Reply reply, Object[] command) {
        if (reply instanceof Reply.Error err) {
            if (Failures.isAuthError(err.message())) {
                throw new NodeAccessException(address, Failures.replyReason(err.message()), null);
            }
            throw new NodeCommandException(address, Batch.describe(command), err.message(), null);
        }
    }

    private long integer(Reply reply, Object[] command) {
        if (reply instanceof Reply.Int n) {
            return n.value();
        }
        throw new NodeCommandException(address, Batch.describe(command), "unexpected reply: " + reply, null);
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "NodeClient[" + address + "]";
    }
}
