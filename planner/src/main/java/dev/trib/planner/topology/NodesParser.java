package dev.trib.planner.topology;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one parser for CLUSTER NODES output (and the node lines of nodes.conf). */
public final class NodesParser {
    private static final int MIN_FIELDS = 8;

    private NodesParser() {
    }

    public static ClusterView parse(String output) {
        List<ClusterNode> nodes = new ArrayList<>();
        String[] lines = output.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("vars ")) {
                continue;
            }
            nodes.add(parseLine(line, i + 1));
        }
        return new ClusterView(nodes);
    }

    public static ClusterNode parseLine(String line, int lineNumber) {
        String[] f = line.trim().split(" +");
        if (f.length < MIN_FIELDS) {
            throw new NodesParseException("expected at least " + MIN_FIELDS + " fields, got " + f.length, lineNumber, line);
        }
        try {
            String id = f[0];
            if (id.isEmpty()) {
                throw new NodesParseException("empty node id", lineNumber, line);
            }
            NodeAddress address = parseAddress(f[1]);
            EnumSet<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
            for (String token : f[2].split(",")) {
                NodeFlag.fromToken(token).ifPresent(flags::add);
            }
            Optional<String> master = f[3].equals("-") ? Optional.empty() : Optional.of(f[3]);
            long pingSent = Long.parseLong(f[4]);
            long pongReceived = Long.parseLong(f[5]);
            long configEpoch = Long.parseLong(f[6]);
            boolean connected = switch (f[7]) {
                case "connected" -> true;
                case "disconnected" -> false;
                default -> throw new NodesParseException("link state '" + f[7] + "'", lineNumber, line);
            };
            List<SlotRange> ranges = new ArrayList<>();
            Map<Integer, String> migrating = new HashMap<>();
            Map<Integer, String> importing = new HashMap<>();
            for (int i = 8; i < f.length; i++) {
                String token = f[i];
                if (token.startsWith("[")) {
                    parseOpenSlot(token, migrating, importing, lineNumber, line);
                } else {
                    ranges.add(SlotSet.parseRange(token));
                }
            }
            return new ClusterNode(id, address, flags, master, pingSent, pongReceived, configEpoch, connected,
                    SlotSet.ofRanges(ranges), migrating, importing);
        } catch (NodesParseException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new NodesParseException(e.getMessage(), lineNumber, line);
        }
    }

    /** {@code ip:port@cport[,hostname][,key=value...]}; the ip may be empty or IPv6 without brackets. */
    static NodeAddress parseAddress(String field) {
        String hostname = null;
        String main = field;
        int comma = field.indexOf(',');
        if (comma >= 0) {
            main = field.substring(0, comma);
            for (String extra : field.substring(comma + 1).split(",")) {
                // Redis 7.2 appends aux fields (shard-id=...) to nodes.conf lines; the bare token is the hostname.
                if (!extra.isEmpty() && extra.indexOf('=') < 0 && hostname == null) {
                    hostname = extra;
                }
            }
        }
        int at = main.indexOf('@');
        String ipPort = at >= 0 ? main.substring(0, at) : main;
        int cport = at >= 0 ? checkPort(Integer.parseInt(main.substring(at + 1)), field) : 0;
        int colon = ipPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address '" + field + "' has no port");
        }
        String ip = ipPort.substring(0, colon);
        int port = checkPort(Integer.parseInt(ipPort.substring(colon + 1)), field);
        if (cport == 0 && at < 0) {
            // Pre-4.0 output has no @cport: the bus listens on port + 10000.
            cport = port + 10000;
        }
        return new NodeAddress(ip, port, cport, Optional.ofNullable(hostname));
    }

    /** 0 is allowed: nodes without an address yet ({@code noaddr}, handshake) can show it. */
    private static int checkPort(int port, String field) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("address '" + field + "' has port " + port + " out of range");
        }
        return port;
    }

    private static void parseOpenSlot(String token, Map<Integer, String> migrating, Map<Integer, String> importing,
                                      int lineNumber, String line) {
        if (!token.endsWith("]")) {
            throw new NodesParseException("open slot marker '" + token + "'", lineNumber, line);
        }
        String body = token.substring(1, token.length() - 1);
        int mig = body.indexOf("->-");
        int imp = body.indexOf("-<-");
        if (body.endsWith("->-") || body.endsWith("-<-")) {
            throw new NodesParseException("open slot marker '" + token + "' names no node", lineNumber, line);
        }
        if (mig > 0) {
            migrating.put(KeySlots.checkSlot(Integer.parseInt(body.substring(0, mig))), body.substring(mig + 3));
        } else if (imp > 0) {
            importing.put(KeySlots.checkSlot(Integer.parseInt(body.substring(0, imp))), body.substring(imp + 3));
        } else {
            throw new NodesParseException("open slot marker '" + token + "'", lineNumber, line);
        }
    }
}
