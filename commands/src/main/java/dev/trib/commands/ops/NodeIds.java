package dev.trib.commands.ops;

import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place a node named by the user is found: by full ID, by an ID prefix of at least {@value #MIN_PREFIX}
 * characters that only one node has, or by its address ({@code host:port}). Every command that takes a node uses
 * it, so the rules and the one-line refusals are the same everywhere.
 */
public final class NodeIds {
    /** Shorter prefixes are refused: with a few hundred nodes they match by luck, and a typo would too. */
    public static final int MIN_PREFIX = 4;
    /** A node ID: 40 hex digits. */
    public static final int ID_LENGTH = 40;

    private NodeIds() {
    }

    /**
     * Any node, master or replica.
     *
     * @param nodes every node of the cluster (a prefix is ambiguous if two nodes share it, whatever their role)
     * @throws OperationRefusedException for an empty, too short, unknown or ambiguous reference
     */
    public static NodeReport node(List<NodeReport> nodes, String ref) {
        return find(nodes, ref, "node");
    }

    /**
     * A master.
     *
     * @param nodes   every node of the cluster
     * @param purpose ends the refusal of a replica, e.g. "--master-id needs a master's ID"
     * @throws OperationRefusedException as {@link #node}, and for a replica, naming it
     */
    public static NodeReport master(List<NodeReport> nodes, String ref, String purpose) {
        NodeReport n = find(nodes, ref, "master");
        if (!n.self().isMaster()) {
            throw new OperationRefusedException("Node " + n.address() + " (" + n.id() + ") is a replica, not a master: "
                    + purpose + ".");
        }
        return n;
    }

    /**
     * Why the reference cannot name any node, whatever the cluster: empty, a malformed HOST:PORT, not hex, shorter
     * than {@value #MIN_PREFIX} or longer than an ID. Commands check this before they connect (a usage error), and
     * {@link #node} and {@link #master} refuse the same with the same line.
     */
    public static Optional<String> malformed(String ref) {
        String wanted = ref == null ? "" : ref.trim().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return Optional.of("Empty node ID.");
        }
        if (wanted.indexOf(':') >= 0) {
            try {
                HostAndPort.parse(ref.trim());
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of("'" + ref.trim() + "' is neither a node ID nor HOST:PORT.");
            }
        }
        if (!wanted.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return Optional.of("'" + ref.trim() + "' is neither a node ID (hex digits) nor HOST:PORT.");
        }
        if (wanted.length() < MIN_PREFIX) {
            return Optional.of("Node ID prefix " + ref.trim() + " is too short: give at least " + MIN_PREFIX
                    + " characters of the ID, the whole ID, or the node's HOST:PORT.");
        }
        if (wanted.length() > ID_LENGTH) {
            return Optional.of("Node ID " + ref.trim() + " is too long: an ID has " + ID_LENGTH + " hex digits.");
        }
        return Optional.empty();
    }

    private static NodeReport find(List<NodeReport> nodes, String ref, String what) {
        malformed(ref).ifPresent(problem -> {
            throw new OperationRefusedException(problem);
        });
        String wanted = ref.trim().toLowerCase(Locale.ROOT);
        if (wanted.indexOf(':') >= 0) {
            return byAddress(nodes, ref.trim());
        }
        for (NodeReport n : nodes) {
            if (n.id().equals(wanted)) {
                return n;
            }
        }
        List<NodeReport> matches = nodes.stream().filter(n -> n.id().startsWith(wanted)).toList();
        if (matches.isEmpty()) {
            throw new OperationRefusedException("No " + what + " with ID " + ref.trim() + " in the cluster.");
        }
        if (matches.size() > 1) {
            throw new OperationRefusedException("Node ID prefix " + ref.trim() + " is ambiguous: it matches "
                    + matches.stream().map(NodeReport::id).collect(Collectors.joining(", ")) + ".");
        }
        return matches.get(0);
    }

    private static NodeReport byAddress(List<NodeReport> nodes, String text) {
        HostAndPort a;
        try {
            a = HostAndPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OperationRefusedException("'" + text + "' is neither a node ID nor HOST:PORT.");
        }
        return at(nodes, a);
    }

    /**
     * The node at that address, a host name resolved first. A loopback address also finds the one node on another
     * loopback address with that port: sandbox nodes announce 127.0.0.2 and up but answer on 127.0.0.1 too, which
     * is what users type.
     *
     * @throws OperationRefusedException when no node is there, or (an access problem) the host name is unknown
     */
    public static NodeReport at(List<NodeReport> nodes, HostAndPort a) {
        HostAndPort wanted = resolve(a);
        Optional<NodeReport> exact = nodes.stream().filter(n -> n.address().equals(wanted)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        if (loopback(wanted.host())) {
            List<NodeReport> samePort = nodes.stream()
                    .filter(n -> n.address().port() == wanted.port() && loopback(n.address().host())).toList();
            if (samePort.size() == 1) {
                return samePort.get(0);
            }
        }
        throw new OperationRefusedException("No node at " + a + " in the cluster.");
    }

    private static HostAndPort resolve(HostAndPort a) {
        try {
            return new HostAndPort(InetAddress.getByName(a.host()).getHostAddress().toLowerCase(Locale.ROOT),
                    a.port());
        } catch (UnknownHostException e) {
            throw new OperationRefusedException(List.of("Could not connect to " + a + ": unknown host"), true);
        }
    }

    private static boolean loopback(String host) {
        return host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
}
