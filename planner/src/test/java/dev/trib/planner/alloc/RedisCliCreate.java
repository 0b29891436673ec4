package dev.trib.planner.alloc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A straightforward port of redis-cli 7.0's create placement, for comparison: interleave by IP, first M are
 * masters, each master in turn takes the first remaining node on another IP (else the first remaining node), extra
 * replicas one per master, then up to 500 x N random swaps of an offending replica's master with another replica's,
 * kept unless redis-cli's own score gets worse. rand() is replaced by a seeded {@link Random}.
 */
final class RedisCliCreate {
    /** Node index to the index of its master, -1 for masters. */
    final int[] masterOf;
    private final String[] ip;

    RedisCliCreate(List<String> ips, int replicas, long seed) {
        int n = ips.size();
        this.ip = ips.toArray(String[]::new);
        this.masterOf = new int[n];
        java.util.Arrays.fill(masterOf, -1);
        Map<String, List<Integer>> byIp = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byIp.computeIfAbsent(ip[i], k -> new ArrayList<>()).add(i);
        }
        List<Integer> interleaved = new ArrayList<>();
        for (int pass = 0; interleaved.size() < n; pass++) {
            for (List<Integer> nodes : byIp.values()) {
                if (pass < nodes.size()) {
                    interleaved.add(nodes.get(pass));
                }
            }
        }
        int masters = n / (replicas + 1);
        List<Integer> pool = new ArrayList<>(interleaved.subList(masters, n));
        for (int m = 0; m < masters; m++) {
            for (int k = 0; k < replicas && !pool.isEmpty(); k++) {
                masterOf[takeFor(interleaved.get(m), pool)] = interleaved.get(m);
            }
        }
        // redis-cli hands out extras once round the masters; never more than one round in the tests' sizes.
        for (int m = 0; m < masters && !pool.isEmpty(); m++) {
            masterOf[takeFor(interleaved.get(m), pool)] = interleaved.get(m);
        }
        optimize(new Random(seed));
    }

    private int takeFor(int master, List<Integer> pool) {
        for (int j = 0; j < pool.size(); j++) {
            if (!ip[pool.get(j)].equals(ip[master])) {
                return pool.remove(j);
            }
        }
        return pool.remove(0);
    }

    private void optimize(Random random) {
        int n = masterOf.length;
        for (int iter = 500 * n; iter > 0; iter--) {
            List<Integer> offenders = new ArrayList<>();
            long score = redisCliScore(offenders);
            if (score == 0 || offenders.isEmpty()) {
                return;
            }
            int first = offenders.get(random.nextInt(offenders.size()));
            List<Integer> others = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i != first && masterOf[i] >= 0) {
                    others.add(i);
                }
            }
            if (others.isEmpty()) {
                return;
            }
            int second = others.get(random.nextInt(others.size()));
            int a = masterOf[first];
            int b = masterOf[second];
            masterOf[first] = b;
            masterOf[second] = a;
            if (redisCliScore(null) > score) {
                masterOf[first] = a;
                masterOf[second] = b;
            }
        }
    }

    /** redis-cli's clusterManagerGetAntiAffinityScore; collects one offending replica per offending group. */
    long redisCliScore(List<Integer> offenders) {
        Map<String, Map<Integer, String>> typesByIp = new LinkedHashMap<>();
        for (int i = 0; i < masterOf.length; i++) {
            int key = masterOf[i] < 0 ? i : masterOf[i];
            Map<Integer, String> related = typesByIp.computeIfAbsent(ip[i], k -> new LinkedHashMap<>());
            String types = related.getOrDefault(key, "");
            related.put(key, masterOf[i] < 0 ? "m" + types : types + "s");
        }
        long score = 0;
        for (Map.Entry<String, Map<Integer, String>> byIp : typesByIp.entrySet()) {
            for (Map.Entry<Integer, String> e : byIp.getValue().entrySet()) {
                String types = e.getValue();
                if (types.length() < 2) {
                    continue;
                }
                score += types.charAt(0) == 'm' ? 10_000L * (types.length() - 1) : types.length();
                if (offenders != null) {
                    for (int i = 0; i < masterOf.length; i++) {
                        if (masterOf[i] == e.getKey() && ip[i].equals(byIp.getKey())) {
                            offenders.add(i);
                            break;
                        }
                    }
                }
            }
        }
        return score;
    }

    /** The plan's score under trib's formula (10000 per replica on its master's IP, 1 per replica pair sharing an IP). */
    long tribScore() {
        long score = 0;
        Map<Integer, Map<String, Integer>> perMaster = new HashMap<>();
        for (int i = 0; i < masterOf.length; i++) {
            int m = masterOf[i];
            if (m < 0) {
                continue;
            }
            if (ip[i].equals(ip[m])) {
                score += 10_000;
            }
            Map<String, Integer> counts = perMaster.computeIfAbsent(m, k -> new HashMap<>());
            int before = counts.getOrDefault(ip[i], 0);
            score += before;
            counts.put(ip[i], before + 1);
        }
        return score;
    }
}
