package dev.trib.planner.doctor;

import dev.trib.planner.topology.HostAndPort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Names many nodes in one short phrase: ports grouped by host and runs of ports as ranges
 * ({@code 127.0.0.1:7000-7002,7005 127.0.0.2:7001}), at most {@link #HOSTS} hosts then a count, so a finding about
 * 250 nodes stays one line.
 */
public final class NodeList {
    static final int HOSTS = 6;

    private NodeList() {
    }

    public static String describe(Collection<HostAndPort> addresses) {
        Map<String, TreeSet<Integer>> byHost = new TreeMap<>();
        for (HostAndPort a : addresses) {
            byHost.computeIfAbsent(a.host(), h -> new TreeSet<>()).add(a.port());
        }
        List<String> parts = new ArrayList<>();
        int left = 0;
        for (Map.Entry<String, TreeSet<Integer>> e : byHost.entrySet()) {
            if (parts.size() == HOSTS) {
                left += e.getValue().size();
                continue;
            }
            String host = e.getKey().indexOf(':') >= 0 ? "[" + e.getKey() + "]" : e.getKey();
            parts.add(host + ":" + runs(e.getValue()));
        }
        String text = String.join(" ", parts);
        return left == 0 ? text : text + " and " + left + " more";
    }

    /** {@code N nodes (list)} or the one address: for messages about a group. */
    public static String counted(Collection<HostAndPort> addresses) {
        int n = new TreeSet<>(addresses.stream().map(HostAndPort::toString).toList()).size();
        return n == 1 ? describe(addresses) : n + " nodes (" + describe(addresses) + ")";
    }

    private static String runs(TreeSet<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int p : ports) {
            if (prev != null && p == prev + 1) {
                prev = p;
                continue;
            }
            append(sb, start, prev);
            start = p;
            prev = p;
        }
        append(sb, start, prev);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(start);
        if (!end.equals(start)) {
            sb.append('-').append(end);
        }
    }
}
