package dev.trib.commands.node;

import dev.trib.commands.node.resp.RespConnection;
import dev.trib.commands.node.resp.RespError;
import dev.trib.planner.doctor.AclResult;
import dev.trib.planner.doctor.KeySample;
import dev.trib.planner.doctor.Probe;
import dev.trib.planner.doctor.SampledKey;
import dev.trib.planner.topology.KeySlot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The reads {@code trib doctor} makes of one node, typed: configuration, INFO sections, a sized key sample, ACL
 * DRYRUN verdicts. Raw replies stay in here. A read the node refuses (ACL, renamed command) does not fail the
 * others: it is noted in {@link #failures()} and its part of the answer is left empty.
 */
public final class NodeFactsReader {
    /** Keys per SCAN page and MEMORY USAGE pipeline: large enough for few round trips, small enough to not stall. */
    static final int PAGE = 1000;

    private final NodeClient client;
    private final List<String> failures = new ArrayList<>();

    public NodeFactsReader(NodeClient client) {
        this.client = client;
    }

    /** What could not be read, one phrase each ({@code CONFIG GET: NOPERM ...}). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** CONFIG GET of each name (one command per name: 6.2 takes one pattern per call), in one round trip. */
    public Map<String, String> config(List<String> names) {
        List<Object> replies = client.pipeline(names.stream().map(n -> new Object[] {"CONFIG", "GET", n}).toList());
        Map<String, String> out = new LinkedHashMap<>();
        for (Object reply : replies) {
            if (reply instanceof RespError err) {
                fail("CONFIG GET", err);
                return out;
            }
            if (reply instanceof List<?> pair && pair.size() >= 2) {
                out.put(RespConnection.text(pair.get(0)), RespConnection.text(pair.get(1)));
            }
        }
        return out;
    }

    /** INFO of each section (one command each: 6.2 takes one), merged into one map, in one round trip. */
    public Map<String, String> info(List<String> sections) {
        List<Object> replies = client.pipeline(sections.stream().map(s -> new Object[] {"INFO", s}).toList());
        Map<String, String> out = new LinkedHashMap<>();
        for (Object reply : replies) {
            if (reply instanceof RespError err) {
                fail("INFO", err);
                return out;
            }
            out.putAll(SocketNodeClient.keyValues(RespConnection.text(reply)));
        }
        return out;
    }

    /**
     * SCANs until {@code sample} keys were seen (every key when {@code full}) and sizes each with MEMORY USAGE,
     * pipelined one page at a time; keeps the largest {@link KeySample#KEPT}. Empty when SCAN or MEMORY USAGE is
     * refused.
     */
    public Optional<KeySample> sampleKeys(int sample, boolean full) {
        PriorityQueue<SampledKey> largest = new PriorityQueue<>(Comparator.comparingLong(SampledKey::bytes));
        long sized = 0;
        boolean skipped = false;
        String cursor = "0";
        do {
            Object reply = client.pipeline(List.<Object[]>of(new Object[] {"SCAN", cursor, "COUNT", PAGE})).get(0);
            if (reply instanceof RespError err) {
                fail("SCAN", err);
                return Optional.empty();
            }
            List<?> page = (List<?>) reply;
            cursor = RespConnection.text(page.get(0));
            List<byte[]> keys = new ArrayList<>();
            for (Object k : (List<?>) page.get(1)) {
                if (full || sized + keys.size() < sample) {
                    keys.add((byte[]) k);
                } else {
                    skipped = true;
                }
            }
            Optional<List<SampledKey>> sizes = sized(keys);
            if (sizes.isEmpty()) {
                return Optional.empty();
            }
            for (SampledKey k : sizes.get()) {
                largest.add(k);
                if (largest.size() > KeySample.KEPT) {
                    largest.poll();
                }
                sized++;
            }
        } while (!cursor.equals("0") && (full || sized < sample));
        return Optional.of(new KeySample(sized, cursor.equals("0") && !skipped, List.copyOf(largest)));
    }

    /**
     * Up to {@code perSlot} keys of each slot (CLUSTER GETKEYSINSLOT) sized with MEMORY USAGE, in two round trips:
     * what a move of these slots would carry. Empty when refused.
     */
    public List<SampledKey> keysInSlots(int[] slots, int perSlot) {
        List<Object[]> listing = new ArrayList<>();
        for (int s : slots) {
            listing.add(SlotCommands.getKeysInSlot(s, perSlot));
        }
        List<Object> lists = slots.length == 0 ? List.of() : client.pipeline(listing);
        List<byte[]> keys = new ArrayList<>();
        for (Object reply : lists) {
            if (reply instanceof RespError err) {
                fail("CLUSTER GETKEYSINSLOT", err);
                return List.of();
            }
            for (Object k : (List<?>) reply) {
                keys.add((byte[]) k);
            }
        }
        return sized(keys).orElse(List.of());
    }

    /** MEMORY USAGE of each key in one round trip; keys gone meanwhile are left out; empty when refused. */
    private Optional<List<SampledKey>> sized(List<byte[]> keys) {
        List<Object> sizes = keys.isEmpty() ? List.of()
                : client.pipeline(keys.stream().map(k -> new Object[] {"MEMORY", "USAGE", k}).toList());
        List<SampledKey> out = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) instanceof RespError err) {
                fail("MEMORY USAGE", err);
                return Optional.empty();
            }
            if (sizes.get(i) instanceof Long bytes) { // null: the key went away meanwhile
                out.add(new SampledKey(new String(keys.get(i), StandardCharsets.UTF_8), bytes,
                        KeySlot.of(keys.get(i))));
            }
        }
        return Optional.of(out);
    }

    /**
     * ACL DRYRUN of each probe for the user, in one round trip. Servers before 7.0 have no DRYRUN; a user who may
     * not run it (or unknown on this node) gets REFUSED with the server's words.
     */
    public AclResult dryRun(String user, List<Probe> probes) {
        if (!client.serverVersion().atLeast(ServerVersion.V7_0)) {
            return AclResult.unchecked(user, AclResult.Status.UNSUPPORTED, "Redis " + client.serverVersion()
                    + " has no ACL DRYRUN");
        }
        List<Object[]> commands = new ArrayList<>();
        for (Probe p : probes) {
            List<Object> args = new ArrayList<>(List.of("ACL", "DRYRUN", user));
            args.addAll(p.args());
            commands.add(args.toArray());
        }
        List<Object> replies = client.pipeline(commands);
        Set<String> denied = new HashSet<>();
        for (int i = 0; i < replies.size(); i++) {
            Object reply = replies.get(i);
            if (reply instanceof RespError err) {
                String m = err.message();
                if (m.startsWith("NOPERM") || m.contains("not found") && m.contains("User")) {
                    return AclResult.unchecked(user, AclResult.Status.REFUSED, firstLine(m));
                }
                continue; // a command this server does not have: nothing to grant
            }
            if (!"OK".equals(RespConnection.text(reply))) {
                denied.add(probes.get(i).name());
            }
        }
        return AclResult.checked(user, denied);
    }

    private void fail(String what, RespError err) {
        failures.add(what + ": " + firstLine(err.message()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
