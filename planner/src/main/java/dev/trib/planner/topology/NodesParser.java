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

    /**
     * Lines and fields are cut by hand, not with regular expressions: a check of 250 nodes parses 62,500 lines,
     * and a compiled pattern per line made parsing most of its time.
     */
    public static ClusterView parse(String output) {
        return parse(output, null);
    }

    /** As {@link #parse(String)}, with the parts views of one cluster repeat taken from (and added to) parts. */
    public static ClusterView parse(String output, ViewParts parts) {
        List<ClusterNode> nodes = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        int length = output.length();
        while (start < length) {
            int end = output.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            lineNumber++;
            String line = output.substring(start, end).trim();
            start = end + 1;
            if (line.isEmpty() || line.startsWith("vars ")) {
                continue;
            }
            nodes.add(parseLine(line, lineNumber, parts));
        }
        return new ClusterView(nodes);
    }

    public static ClusterNode parseLine(String line, int lineNumber) {
        return parseLine(line, lineNumber, null);
    }

    private static ClusterNode parseLine(String line, int lineNumber, ViewParts parts) {
        List<String> f = fields(line);
        if (f.size() < MIN_FIELDS) {
            throw new NodesParseException("expected at least " + MIN_FIELDS + " fields, got " + f.size(), lineNumber,
                    line);
        }
        try {
            String id = parts == null ? f.get(0) : parts.id(f.get(0));
            NodeAddress address = parts == null ? parseAddress(f.get(1))
                    : parts.address(f.get(1), NodesParser::parseAddress);
            EnumSet<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
            String flagField = f.get(2);
            int from = 0;
            while (from <= flagField.length()) {
                int comma = flagField.indexOf(',', from);
                int to = comma < 0 ? flagField.length() : comma;
                NodeFlag.fromToken(flagField.substring(from, to)).ifPresent(flags::add);
                from = to + 1;
            }
            Optional<String> master = f.get(3).equals("-") ? Optional.empty()
                    : parts == null ? Optional.of(f.get(3)) : parts.master(f.get(3));
            long pingSent = Long.parseLong(f.get(4));
            long pongReceived = Long.parseLong(f.get(5));
            long configEpoch = Long.parseLong(f.get(6));
            boolean connected = switch (f.get(7)) {
                case "connected" -> true;
                case "disconnected" -> false;
                default -> throw new NodesParseException("link state '" + f.get(7) + "'", lineNumber, line);
            };
            Map<Integer, String> migrating = Map.of();
            Map<Integer, String> importing = Map.of();
            List<String> runs = new ArrayList<>();
            for (int i = 8; i < f.size(); i++) {
                String token = f.get(i);
                if (token.startsWith("[")) {
                    if (migrating.isEmpty() && importing.isEmpty()) {
                        migrating = new HashMap<>();
                        importing = new HashMap<>();
                    }
                    parseOpenSlot(token, migrating, importing, lineNumber, line);
                } else {
                    runs.add(token);
                }
            }
            return new ClusterNode(id, address, flags, master, pingSent, pongReceived, configEpoch, connected,
                    slots(runs, parts), migrating, importing);
        } catch (NodesParseException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new NodesParseException(e.getMessage(), lineNumber, line);
        }
    }

    /** A line's slot runs as a set; through parts, every view of a master spelling them alike shares one. */
    private static SlotSet slots(List<String> runs, ViewParts parts) {
        if (runs.isEmpty()) {
            return SlotSet.EMPTY;
        }
        if (parts == null) {
            return parseRuns(runs);
        }
        return parts.slots(runs.size() == 1 ? runs.get(0) : String.join(" ", runs), spelled -> parseRuns(runs));
    }

    private static SlotSet parseRuns(List<String> runs) {
        return SlotSet.ofRanges(runs.stream().map(SlotSet::parseRange).toList());
    }

    /** Fields split on blanks; a line's own end (\n, \r) is a blank too, as trim() made it before. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>(12);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) > ' ') {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
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
