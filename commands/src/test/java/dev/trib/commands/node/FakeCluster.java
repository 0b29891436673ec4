package dev.trib.commands.node;

import dev.trib.commands.fixture.TestData;

import dev.trib.commands.node.resp.Reply;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.SlotSet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Scripted stand-ins for cluster masters, for unit tests of code that drives nodes through {@link Batch}es: each node
 * keeps its own slot owners, migration marks and keys, and answers the slot-migration protocol as Redis does
 * (SETSLOT, GETKEYSINSLOT, COUNTKEYSINSLOT, MIGRATE moving keys to the node at the target address, EXISTS). Faults
 * can be injected. Not a Redis: only what the callers under test send.
 */
public final class FakeCluster implements Nodes {
    private final Map<HostAndPort, Node> byAddress = new LinkedHashMap<>();

    public Node add(String id, int port, ServerVersion version) {
        Node n = new Node(id, new HostAndPort("127.0.0.1", port), version);
        byAddress.put(n.address(), n);
        return n;
    }

    /** Every node believes {@code owner} owns the slots. */
    public void assign(Node owner, int from, int to) {
        for (Node n : byAddress.values()) {
            for (int s = from; s <= to; s++) {
                n.owners.put(s, owner.id);
            }
        }
    }

    @Override
    public NodeClient connect(HostAndPort address) {
        Node n = byAddress.get(address);
        if (n == null || n.down) {
            throw new NodeAccessException(address, "connection refused", null);
        }
        return n;
    }

    @Override
    public NodeClient connectSide(HostAndPort address) {
        return connect(address);
    }

    /** {@code n} keys that hash to the slot ({@link TestData#keysOfSlot}). */
    public static List<String> keysOfSlot(int slot, int n) {
        return TestData.keysOfSlot(slot, n);
    }

    /** One fake master. Synchronized like the real client: the engine's threads share connections. */
    public final class Node implements NodeClient {
        private final List<java.time.Duration> replyWaits = new ArrayList<>();
        private final String id;
        private final HostAndPort address;
        private final ServerVersion version;
        private final Map<Integer, String> owners = new HashMap<>();
        private final Map<Integer, String> migrating = new HashMap<>();
        private final Map<Integer, String> importing = new HashMap<>();
        private final Map<Integer, TreeMap<String, String>> keys = new HashMap<>();
        private final List<List<String>> roundTrips = new ArrayList<>();
        private int ioErrors;
        private boolean hidesKeys;
        private volatile boolean down;
        /** A batch that contains a command matching the test waits for the latch (10 s at most); taken once. */
        private record Hold(java.util.function.Predicate<String> command, java.util.concurrent.CountDownLatch latch) {
        }

        private volatile Hold hold;

        private Node(String id, HostAndPort address, ServerVersion version) {
            this.id = id;
            this.address = address;
            this.version = version;
        }

        public String id() {
            return id;
        }

        /** Stores the keys (each in its own slot) with the value given. */
        public synchronized Node put(List<String> names, String value) {
            for (String k : names) {
                keys.computeIfAbsent(KeySlot.of(k.getBytes(StandardCharsets.UTF_8)), s -> new TreeMap<>())
                        .put(k, value);
            }
            return this;
        }

        public synchronized Map<String, String> keysIn(int slot) {
            return Map.copyOf(keys.getOrDefault(slot, new TreeMap<>()));
        }

        public synchronized long keyCount() {
            return keys.values().stream().mapToLong(Map::size).sum();
        }

        public synchronized String ownerOf(int slot) {
            return owners.get(slot);
        }

        public synchronized Map<Integer, String> migrating() {
            return Map.copyOf(migrating);
        }

        public synchronized Map<Integer, String> importing() {
            return Map.copyOf(importing);
        }

        /** The next {@code n} MIGRATEs answer IOERR and move nothing. */
        public synchronized void failMigrates(int n) {
            ioErrors = n;
        }

        /** GETKEYSINSLOT answers an empty list even while keys are left: a listing that misses keys. */
        public synchronized void hideKeys() {
            hidesKeys = true;
        }

        public void goDown() {
            down = true;
        }

        /** Every round trip this node answered, each command spelled out. */
        public synchronized List<List<String>> roundTrips() {
            return List.copyOf(roundTrips);
        }

        /** The commands of every round trip whose first word is {@code verb}. */
        public synchronized long count(String prefix) {
            return roundTrips.stream().flatMap(List::stream).filter(c -> c.startsWith(prefix)).count();
        }

        @Override
        public HostAndPort address() {
            return address;
        }

        @Override
        public ServerVersion serverVersion() {
            return version;
        }

        @Override
        public Batch batch() {
            return new Batch(this::answer);
        }

        /**
         * The node's next claim of slots (SETSLOT NODE naming itself) waits until the latch opens (10 s at most),
         * without holding up its other traffic: a target slow to close while other rounds finish.
         */
        public void holdNextClaim(java.util.concurrent.CountDownLatch latch) {
            hold = new Hold(c -> c.startsWith("CLUSTER SETSLOT") && c.endsWith(" NODE " + id), latch);
        }

        /** The node's IMPORTING mark of the slot waits until the latch opens (10 s at most): slow to answer. */
        public void holdImport(int slot, java.util.concurrent.CountDownLatch latch) {
            hold = new Hold(c -> c.startsWith("CLUSTER SETSLOT " + slot + " IMPORTING "), latch);
        }

        private List<Reply> answer(List<Object[]> commands) {
            Hold h = hold;
            if (h != null && commands.stream().map(FakeCluster::spell).anyMatch(h.command())) {
                hold = null;
                try {
                    h.latch().await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return execute(commands);
        }

        /** Records the longer reply wait asked for; the fake answers at once anyway. */
        @Override
        public synchronized Batch batch(java.time.Duration replyWait) {
            replyWaits.add(replyWait);
            return batch();
        }

        /** The longer reply waits asked for, in order. */
        public synchronized List<java.time.Duration> replyWaits() {
            return List.copyOf(replyWaits);
        }

        private synchronized List<Reply> execute(List<Object[]> commands) {
            if (down) {
                throw new NodeAccessException(address, "connection refused", null);
            }
            roundTrips.add(commands.stream().map(FakeCluster::spell).toList());
            List<Reply> out = new ArrayList<>();
            for (Object[] c : commands) {
                out.add(execute(c));
            }
            return out;
        }

        private Reply execute(Object[] c) {
            List<String> a = Arrays.stream(c).map(FakeCluster::text).toList();
            String verb = a.get(0) + (a.get(0).equals("CLUSTER") ? " " + a.get(1) : "");
            switch (verb) {
                case "CLUSTER SETSLOT":
                    return setSlot(Integer.parseInt(a.get(2)), a.get(3), a.size() > 4 ? a.get(4) : null);
                case "CLUSTER GETKEYSINSLOT": {
                    int slot = Integer.parseInt(a.get(2));
                    List<Reply> listed = hidesKeys ? List.of() : keys.getOrDefault(slot, new TreeMap<>()).keySet()
                            .stream().limit(Long.parseLong(a.get(3))).map(k -> (Reply) bulk(k)).toList();
                    return new Reply.Array(listed);
                }
                case "CLUSTER COUNTKEYSINSLOT":
                    return new Reply.Int(keys.getOrDefault(Integer.parseInt(a.get(2)), new TreeMap<>()).size());
                case "EXISTS":
                    return new Reply.Int(has(a.get(1)) ? 1 : 0);
                case "MIGRATE":
                    return migrate(a);
                case "ASKING":
                    return Reply.OK;
                default:
                    return new Reply.Error("ERR unknown command '" + a.get(0) + "'");
            }
        }

        private Reply setSlot(int slot, String state, String nodeId) {
            switch (state) {
                case "IMPORTING":
                    importing.put(slot, nodeId);
                    return Reply.OK;
                case "MIGRATING":
                    if (!id.equals(owners.get(slot))) {
                        return new Reply.Error("ERR I'm not the owner of hash slot " + slot);
                    }
                    migrating.put(slot, nodeId);
                    return Reply.OK;
                case "STABLE":
                    migrating.remove(slot);
                    importing.remove(slot);
                    return Reply.OK;
                case "NODE":
                    if (id.equals(owners.get(slot)) && !nodeId.equals(id)
                            && !keys.getOrDefault(slot, new TreeMap<>()).isEmpty()) {
                        return new Reply.Error("ERR Can't assign hashslot " + slot + " to a different node while I "
                                + "still hold keys for this hash slot.");
                    }
                    owners.put(slot, nodeId);
                    migrating.remove(slot);
                    importing.remove(slot);
                    return Reply.OK;
                default:
                    return new Reply.Error("ERR Invalid CLUSTER SETSLOT action or number of arguments");
            }
        }

        private boolean has(String key) {
            return keys.getOrDefault(KeySlot.of(key.getBytes(StandardCharsets.UTF_8)), new TreeMap<>())
                    .containsKey(key);
        }

        private Reply migrate(List<String> a) {
            if (ioErrors > 0) {
                ioErrors--;
                return new Reply.Error("IOERR error or timeout reading to target instance");
            }
            Node target = byAddress.get(new HostAndPort(a.get(1), Integer.parseInt(a.get(2))));
            int keysAt = a.indexOf("KEYS");
            boolean replace = a.subList(6, keysAt).contains("REPLACE");
            boolean copy = a.subList(6, keysAt).contains("COPY");
            List<String> names = a.subList(keysAt + 1, a.size()).stream().filter(this::has).toList();
            if (names.isEmpty()) {
                return new Reply.Simple("NOKEY");
            }
            synchronized (target) {
                if (!replace && names.stream().anyMatch(target::has)) {
                    return new Reply.Error("BUSYKEY Target key name already exists.");
                }
                for (String k : names) {
                    int slot = KeySlot.of(k.getBytes(StandardCharsets.UTF_8));
                    String value = keys.get(slot).get(k);
                    target.keys.computeIfAbsent(slot, s -> new TreeMap<>()).put(k, value);
                    if (!copy) {
                        keys.get(slot).remove(k);
                    }
                }
            }
            return Reply.OK;
        }

        private Reply bulk(String s) {
            return new Reply.Bulk(s.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "FakeNode[" + id + " " + address + "]";
        }

        // What the callers under test do not use.

        @Override
        public String clusterNodesRaw() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ClusterView clusterView() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> clusterInfo() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> info(String section) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long dbSize() {
            return keyCount();
        }

        @Override
        public State state(boolean withInfo) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addSlots(SlotSet slots) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setConfigEpoch(long epoch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void meet(String ip, int port, int clusterPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replicate(String masterId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forget(String nodeId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resetSoft() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void configSet(String name, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void configRewrite() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Reply command(List<String> args) {
            return execute(List.<Object[]>of(args.toArray())).get(0);
        }

        @Override
        public long saveSnapshot(Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static String text(Object arg) {
        return arg instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : arg.toString();
    }

    private static String spell(Object[] command) {
        return Arrays.stream(command).map(FakeCluster::text).collect(Collectors.joining(" "));
    }
}
