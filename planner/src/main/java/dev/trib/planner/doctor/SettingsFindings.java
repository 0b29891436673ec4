package dev.trib.planner.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Settings that differ between nodes, and masters that would come back empty from a restart. */
final class SettingsFindings {
    private SettingsFindings() {
    }

    static void add(DoctorInput input, List<DoctorFinding> out) {
        for (String name : Settings.MUST_AGREE) {
            differs(input, name, out);
        }
        persistence(input, out);
    }

    private static void differs(DoctorInput input, String name, List<DoctorFinding> out) {
        Map<String, List<NodeFacts>> byValue = new LinkedHashMap<>();
        for (NodeFacts n : input.reachable()) {
            Settings.compared(n, name).ifPresent(v -> byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(n));
        }
        if (byValue.size() < 2) {
            return;
        }
        List<Map.Entry<String, List<NodeFacts>>> ranked = byValue.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<NodeFacts>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey)).toList();
        String values = ranked.stream().map(e -> "'" + e.getKey() + "' on "
                + NodeList.counted(Doctor.addressesOf(e.getValue()))).collect(Collectors.joining(", "));
        String common = ranked.get(0).getKey();
        String fix = name.equals(Settings.NODE_TIMEOUT) ? "trib set-timeout HOST:PORT " + common
                : "trib call HOST:PORT CONFIG SET " + name + " '" + common + "', then CONFIG REWRITE";
        List<String> odd = ranked.stream().skip(1).flatMap(e -> e.getValue().stream()).map(NodeFacts::id).toList();
        out.add(new DoctorFinding(DoctorKind.SETTING_DIFFERS, Severity.WARNING, name + " differs: " + values + ".",
                "Set one value on every node, e.g. " + fix + ".", odd));
    }

    private static void persistence(DoctorInput input, List<DoctorFinding> out) {
        List<NodeFacts> exposed = new ArrayList<>();
        for (NodeFacts m : input.reachable()) {
            Optional<Boolean> off = Settings.persistenceOff(m);
            if (m.master() && off.orElse(false) && !input.replicasOf(m.id()).isEmpty()) {
                exposed.add(m);
            }
        }
        if (exposed.isEmpty()) {
            return;
        }
        String who = exposed.size() == 1 ? "Master " + exposed.get(0).label() + " has"
                : exposed.size() + " masters (" + NodeList.describe(Doctor.addressesOf(exposed)) + ") have";
        out.add(new DoctorFinding(DoctorKind.PERSISTENCE_OFF, Severity.WARNING, who
                + " persistence off (appendonly no, save \"\") and replicas: restarted before a failover, a master "
                + "comes back empty and its replicas resync to empty.",
                "Turn on appendonly or save on them (CONFIG SET appendonly yes), or make sure they are not restarted "
                        + "automatically sooner than cluster-node-timeout.", Doctor.ids(exposed)));
    }
}
