package dev.trib.commands.node;

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
import java.util.OptionalLong;
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
        Batch batch = client.batch();
        List<Batch.Step<Optional<String>>> steps = names.stream().map(batch::configGet).toList();
        batch.send();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Answer<Optional<String>> a = steps.get(i).answer();
            if (a instanceof Answer.Refused<Optional<String>> r) {
                fail("CONFIG GET", r.reason());
                return out;
            }
            String name = names.get(i);
            a.orElse(Optional.empty()).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    /** INFO of each section (one command each: 6.2 takes one), merged into one map, in one round trip. */
    public Map<String, String> info(List<String> sections) {
        Batch batch = client.batch();
        List<Batch.Step<String>> steps = sections.stream().map(batch::info).toList();
        batch.send();
        Map<String, String> out = new LinkedHashMap<>();
        for (Batch.Step<String> step : steps) {
            if (step.answer() instanceof Answer.Refused<String> r) {
                fail("INFO", r.reason());
                return out;
            }
            out.putAll(SocketNodeClient.keyValues(step.answer().orElse("")));
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
            Batch batch = client.batch();
            Batch.Step<Batch.ScanPage> scan = batch.scan(cursor, PAGE);
            batch.send();
            if (scan.answer() instanceof Answer.Refused<Batch.ScanPage> r) {
                fail("SCAN", r.reason());
                return Optional.empty();
            }
            Batch.ScanPage page = scan.answer().orElse(null);
            cursor = page.cursor();
            List<byte[]> keys = new ArrayList<>();
            for (byte[] k : page.keys()) {
                if (full || sized + keys.size() < sample) {
                    keys.add(k);
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
        Batch batch = client.batch();
        List<Batch.Step<List<byte[]>>> steps = new ArrayList<>();
        for (int s : slots) {
            steps.add(batch.getKeysInSlot(s, perSlot));
        }
        batch.send();
        List<byte[]> keys = new ArrayList<>();
        for (Batch.Step<List<byte[]>> step : steps) {
            if (step.answer() instanceof Answer.Refused<List<byte[]>> r) {
                fail("CLUSTER GETKEYSINSLOT", r.reason());
                return List.of();
            }
            keys.addAll(step.answer().orElse(List.of()));
        }
        return sized(keys).orElse(List.of());
    }

    /** MEMORY USAGE of each key in one round trip; keys gone meanwhile are left out; empty when refused. */
    private Optional<List<SampledKey>> sized(List<byte[]> keys) {
        Batch batch = client.batch();
        List<Batch.Step<OptionalLong>> steps = keys.stream().map(batch::memoryUsage).toList();
        batch.send();
        List<SampledKey> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Answer<OptionalLong> a = steps.get(i).answer();
            if (a instanceof Answer.Refused<OptionalLong> r) {
                fail("MEMORY USAGE", r.reason());
                return Optional.empty();
            }
            OptionalLong bytes = a.orElse(OptionalLong.empty()); // empty: the key went away meanwhile
            if (bytes.isPresent()) {
                out.add(new SampledKey(new String(keys.get(i), StandardCharsets.UTF_8), bytes.getAsLong(),
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
        Batch batch = client.batch();
        List<Batch.Step<Optional<String>>> steps = probes.stream().map(p -> batch.aclDryRun(user, p.args())).toList();
        batch.send();
        Set<String> denied = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Answer<Optional<String>> a = steps.get(i).answer();
            if (a instanceof Answer.Refused<Optional<String>> r) {
                String m = r.reason().message();
                if (m.startsWith("NOPERM") || m.contains("not found") && m.contains("User")) {
                    return AclResult.unchecked(user, AclResult.Status.REFUSED, firstLine(m));
                }
                continue; // a command this server does not have: nothing to grant
            }
            if (a.orElse(Optional.empty()).isPresent()) {
                denied.add(probes.get(i).name());
            }
        }
        return AclResult.checked(user, denied);
    }

    private void fail(String what, NodeError err) {
        failures.add(what + ": " + firstLine(err.message()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
