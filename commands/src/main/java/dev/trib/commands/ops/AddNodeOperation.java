package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.MasterForReplica;
import dev.trib.planner.alloc.ServerRelease;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trib add-node}: checks the cluster and the new node, then joins the node (as a master, or as a replica of
 * a given or chosen master) and waits until the cluster, the node included, is whole again. Nothing is written
 * before every check passed.
 */
public final class AddNodeOperation {
    /** The join completes on the nodes' 100 ms cluster ticks: a coarser poll would add most of its own length. */
    private static final Duration JOIN_POLL = Duration.ofMillis(10);

    private final NodeConnector connector;

    public AddNodeOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** What the user asked for; a master id implies a replica. */
    public record Request(HostAndPort newNode, HostAndPort existing, boolean replica, Optional<String> masterId) {
        public boolean asReplica() {
            return replica || masterId.isPresent();
        }
    }

    /**
     * Everything checked: the cluster, the new node (its client and its own line) and, for a replica, its master.
     *
     * @param masterChosen true when the master was picked by trib rather than given
     * @param nothingToDo  the line that says so, when the node is a member in the role asked for already: then
     *                     {@link #execute} must not be called
     */
    public record Prepared(Request request, ClusterSnapshot snapshot, NodeClient client, ClusterNode self,
                           Optional<NodeReport> master, boolean masterChosen, List<String> warnings,
                           Optional<String> nothingToDo) {
        public HostAndPort address() {
            return request.newNode();
        }
    }

    /** The node as it is now part of the cluster. */
    public record Result(String id, HostAndPort address, Optional<NodeReport> master) {
    }

    public Prepared prepare(Request r) {
        Preflight preflight = Preflight.load(connector, r.existing());
        ClusterSnapshot snapshot = preflight.snapshot();
        Optional<NodeReport> master = Optional.empty();
        boolean chosen = false;
        String newIp = resolve(r.newNode());
        if (r.masterId().isPresent()) {
            master = Optional.of(master(snapshot, r.masterId().get()));
        }
        // Repeating an add-node is safe: a member in the role asked for is nothing to do, in another role a refusal.
        NodeClient client = connector.connect(r.newNode());
        requireClusterEnabled(r.newNode(), client);
        ClusterNode own = client.clusterView().myself().orElseThrow();
        Optional<String> member = alreadyMember(r, snapshot, own, master);
        if (member.isPresent()) {
            Optional<NodeReport> following = own.masterId().flatMap(snapshot::node);
            return new Prepared(r, snapshot, client, own, following, false, List.of(), member);
        }
        if (r.masterId().isEmpty() && r.asReplica()) {
            master = snapshot.node(chooseMaster(r, newIp, snapshot));
            chosen = true;
        }
        // Joining moves no slot: only the master a replica follows must be reachable; the rest is a warning.
        Preflight.Scope scope = Preflight.Scope.of("add-node", SlotSet.EMPTY,
                master.map(m -> List.of(m.id())).orElse(List.of()));
        preflight.refuseUnsafe(scope);
        ClusterNode self = validateNewNode(r.newNode(), newIp, client, snapshot);
        if (master.isPresent()) {
            // A replica loads its master's snapshot: an older server cannot (6.2 under a 7.0 master).
            HostAndPort m = master.get().address();
            client.serverVersion().refusalToRead(connector.connect(m).serverVersion(), m, r.newNode())
                    .ifPresent(why -> {
                        throw new OperationRefusedException("Cannot add " + r.newNode() + " as a replica of " + m
                                + ": " + why + ".");
                    });
        }
        return new Prepared(r, snapshot, client, self, master, chosen, preflight.warnings(scope), Optional.empty());
    }

    /**
     * Empty when the node (by id) is no member of this cluster. When it is one in the role asked for (a master; a
     * replica, of the given master if one was given), the line that says there is nothing to do; in another role,
     * a refusal in one line saying what it is and what to run instead.
     */
    private static Optional<String> alreadyMember(Request r, ClusterSnapshot s, ClusterNode own,
                                                  Optional<NodeReport> given) {
        if (s.node(own.id()).isEmpty()) {
            return Optional.empty();
        }
        String is = "Node " + r.newNode() + " (" + own.id() + ") is already a member of this cluster";
        String remove = "'trib del-node " + r.existing() + " " + own.id() + "'";
        if (own.isReplica()) {
            String masterId = own.masterId().orElseThrow();
            String of = s.node(masterId).map(m -> m.address() + " (" + m.self().shortId() + ")").orElse(masterId);
            is += " as a replica of " + of;
            if (!r.asReplica()) {
                throw new OperationRefusedException(is + ", not as a master: 'trib failover " + r.newNode()
                        + "' promotes it in its master's place; to add it as an empty master, remove it first with "
                        + remove + ".");
            }
            if (given.isPresent() && !given.get().id().equals(masterId)) {
                NodeReport m = given.get();
                throw new OperationRefusedException(is + ", not of " + m.address() + " (" + m.self().shortId()
                        + "): to make it follow that master, run 'redis-cli -h " + r.newNode().host() + " -p "
                        + r.newNode().port() + " CLUSTER REPLICATE " + m.id() + "'.");
            }
            return Optional.of(is + ": nothing to do.");
        }
        is += " as a master" + (own.slots().isEmpty() ? " without slots"
                : " serving " + own.slots().size() + " slots");
        if (!r.asReplica()) {
            return Optional.of(is + ": nothing to do.");
        }
        throw new OperationRefusedException(is + ", not as a replica: " + (own.slots().isEmpty() ? ""
                : "move its slots away first ('trib reshard " + r.existing() + " --from " + own.id() + " ...'), ")
                + "remove it with " + remove + ", then add it again with --replica.");
    }

    private static void requireClusterEnabled(HostAndPort a, NodeClient client) {
        if (!"1".equals(client.info("cluster").get("cluster_enabled"))) {
            throw new OperationRefusedException("Node " + a + " is not configured as a cluster node "
                    + "(start it with cluster-enabled yes).");
        }
    }

    /**
     * The master with the fewest replicas among those whose data the new node's server can load (a 6.2 node cannot
     * sync from a 7.0 master); refused in one line, before any change, when there is none.
     */
    private String chooseMaster(Request r, String newIp, ClusterSnapshot snapshot) {
        List<MasterForReplica.Candidate> candidates = MasterForReplica.candidates(snapshot, Set.of());
        if (candidates.isEmpty()) {
            throw new OperationRefusedException("No master serves slots: nothing to replicate.");
        }
        candidates = ServerReleases.withReleases(connector, snapshot, candidates);
        ServerRelease mine = connector.connect(r.newNode()).serverVersion().release();
        List<MasterForReplica.Candidate> all = candidates;
        return MasterForReplica.choose(candidates, newIp, mine).orElseThrow(() -> new OperationRefusedException(
                "Cannot add " + r.newNode() + " (" + mine + ") as a replica: every master serving slots runs a "
                        + "newer Redis whose data it cannot load (" + ServerReleases.describe(snapshot, all)
                        + "); data flows only from older to newer servers, so add it as a master or start it "
                        + "with a newer Redis.")).id();
    }

    private static NodeReport master(ClusterSnapshot snapshot, String idOrPrefix) {
        return NodeIds.master(snapshot.nodes(), idOrPrefix, "--master-id needs a master's ID");
    }

    private static String resolve(HostAndPort a) {
        try {
            return InetAddress.getByName(a.host()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new OperationRefusedException(List.of("Could not connect to " + a + ": unknown host"), true);
        }
    }

    /** Cluster-enabled, not a member yet, alone, without keys and slots; every problem reported at once. */
    private static ClusterNode validateNewNode(HostAndPort a, String ip, NodeClient client, ClusterSnapshot s) {
        ClusterView view = client.clusterView();
        ClusterNode self = view.myself().orElseThrow();
        HostAndPort resolved = new HostAndPort(ip, a.port());
        for (NodeReport member : s.nodes()) {
            if (member.id().equals(self.id()) || member.address().equals(resolved)) {
                throw new OperationRefusedException("Node " + a + " is already a member of the cluster (ID "
                        + member.id() + ").");
            }
        }
        List<String> problems = new ArrayList<>();
        long keys = client.dbSize();
        if (keys > 0) {
            problems.add("Node " + a + " is not empty: it holds " + keys + " key(s) in database 0.");
        }
        long known = view.nodes().stream().filter(n -> !n.isMyself()).count();
        if (known > 0) {
            problems.add("Node " + a + " is not empty: it already knows " + known
                    + " other node(s) (CLUSTER RESET it to reuse it).");
        }
        if (!self.slots().isEmpty()) {
            problems.add("Node " + a + " is not empty: it already serves slots " + self.slots() + ".");
        }
        if (!problems.isEmpty()) {
            throw new OperationRefusedException(problems, false);
        }
        return self;
    }

    /**
     * Joins the node: a MEET to the existing node (gossip introduces it to the rest), then, for a replica,
     * REPLICATE once the node knows its master. Waits until every node knows the new one and the new node says
     * cluster_state:ok, so a rebalance or reshard right after finds a whole cluster.
     */
    public Result execute(Prepared p, ProgressListener progress, Duration timeout) {
        ClusterSnapshot s = p.snapshot();
        NodeAddress existing = s.entryNode().self().address();
        String id = p.self().id();
        // A dead member (a failed replica) is left out: it cannot meet anyone, and it is not waited for.
        List<NodeClient> members = s.reachable().stream().map(n -> connector.connect(n.address())).toList();

        progress.step("Send CLUSTER MEET to node " + p.address() + " to make it join the cluster.");
        // The existing node's own line gives the IP literal and bus port MEET needs (a hostname is refused).
        p.client().meet(existing.ip(), existing.port(), existing.clusterPort());
        // Every member also meets the new node, at the address it announces (else the one given for it), so each
        // knows it after its own next cluster tick instead of when gossip reaches it (a second or more later).
        NodeAddress own = p.self().address();
        String ip = own.ip().isEmpty() ? resolve(p.address()) : own.ip();
        int port = own.port() > 0 ? own.port() : p.address().port();
        Parallel.forEach(members, m -> m.meet(ip, port, own.clusterPort()));

        progress.step("Waiting for every node to know the new node");
        Waits.until(timeout, JOIN_POLL, () -> notJoined(p, members));
        // The new node takes in a member's slots only from a message the member sends now that both know each
        // other; a second MEET makes every member send one in its next tick rather than at its next ping.
        Parallel.forEach(members, m -> m.meet(ip, port, own.clusterPort()));

        if (p.master().isPresent()) {
            NodeReport m = p.master().get();
            progress.step("Configure node as replica of " + m.address() + ".");
            p.client().replicate(m.id());
            Waits.until(timeout, () -> {
                ClusterNode self = p.client().clusterView().myself().orElseThrow();
                return self.isReplica() && self.masterId().equals(Optional.of(m.id())) ? Optional.empty()
                        : Optional.of(p.address() + " does not say it replicates " + m.address() + " yet");
            });
        }

        progress.step("Waiting for the new node to report cluster_state:ok");
        List<NodeClient> all = new ArrayList<>(members);
        all.add(p.client());
        ClusterWaits.awaitAgreement(all, timeout);
        Handshakes.forgetLeftovers(all);
        // A new master stays in state fail for min(cluster-node-timeout, 5 s) after it was alone (in the minority).
        // A cluster that was down already (a master lost with its slots) stays down: nothing to wait for then.
        if (!"ok".equals(s.entryNode().clusterInfo().get("cluster_state"))) {
            return new Result(id, p.address(), p.master());
        }
        Waits.until(timeout, () -> {
            String state = p.client().clusterInfo().get("cluster_state");
            return "ok".equals(state) ? Optional.empty()
                    : Optional.of(p.address() + " reports cluster_state:" + state + " still");
        });
        return new Result(id, p.address(), p.master());
    }

    /** Empty once every member knows the new node and the new node knows every member, none in handshake. */
    private static Optional<String> notJoined(Prepared p, List<NodeClient> members) {
        String id = p.self().id();
        for (var o : Parallel.map(members, NodeClient::clusterView)) {
            if (!o.ok()) {
                return Optional.of(o.input().address() + " did not answer: " + o.error().getMessage());
            }
            Optional<ClusterNode> seen = o.value().node(id);
            if (seen.isEmpty() || seen.get().is(NodeFlag.HANDSHAKE)) {
                return Optional.of(o.input().address() + " does not know " + p.address() + " yet: is its cluster "
                        + "bus port " + p.self().address().clusterPort() + " reachable from "
                        + o.input().address().host() + "?");
            }
        }
        ClusterView own = p.client().clusterView();
        for (NodeReport member : p.snapshot().reachable()) {
            Optional<ClusterNode> seen = own.node(member.id());
            if (seen.isEmpty() || seen.get().is(NodeFlag.HANDSHAKE)) {
                return Optional.of(p.address() + " does not know " + member.address() + " yet");
            }
        }
        return Optional.empty();
    }

}
