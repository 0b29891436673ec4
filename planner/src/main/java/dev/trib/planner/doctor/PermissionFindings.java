package dev.trib.planner.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which of trib's operations the user may run, node by node (ACL rules are not shared by a cluster: each node has
 * its own), naming the commands missing; where ACL DRYRUN could not answer, says so.
 */
final class PermissionFindings {
    private PermissionFindings() {
    }

    static void add(DoctorInput input, List<DoctorFinding> out) {
        List<NodeFacts> asked = input.reachable().stream().filter(n -> n.acl().isPresent()).toList();
        if (asked.isEmpty()) {
            return;
        }
        String user = asked.get(0).acl().orElseThrow().user();
        List<NodeFacts> checked = OperationRights.checked(input);
        if (!checked.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            for (OperationRights rights : OperationRights.of(checked)) {
                if (rights.allowed()) {
                    allowed.add(rights.operation().title());
                    continue;
                }
                Set<String> missing = rights.missing();
                out.add(new DoctorFinding(DoctorKind.PERMISSION_MISSING, Severity.WARNING, "User '" + user
                        + "' may not run " + rights.operation().title() + ": no permission for "
                        + String.join(", ", missing) + " on " + NodeList.counted(Doctor.addressesOf(rights.where()))
                        + ".", "Grant them on every node (ACL SETUSER " + user + " " + missing.stream()
                        .map(PermissionFindings::grant).collect(Collectors.joining(" "))
                        + ", then ACL SAVE or CONFIG REWRITE), or run it as another user.",
                        Doctor.ids(rights.where())));
            }
            String may = allowed.size() == TribOperation.values().length ? "every trib operation"
                    : allowed.isEmpty() ? "none of trib's operations" : String.join(", ", allowed);
            out.add(new DoctorFinding(DoctorKind.PERMISSIONS_ALLOWED, Severity.INFO, "User '" + user + "' may run "
                    + may + " (ACL DRYRUN on " + NodeList.counted(Doctor.addressesOf(checked)) + ").", "",
                    Doctor.ids(checked)));
        }
        Map<String, List<NodeFacts>> unchecked = new TreeMap<>();
        for (NodeFacts n : asked) {
            AclResult a = n.acl().orElseThrow();
            if (a.status() != AclResult.Status.CHECKED) {
                unchecked.computeIfAbsent(a.detail(), d -> new ArrayList<>()).add(n);
            }
        }
        unchecked.forEach((detail, nodes) -> out.add(new DoctorFinding(DoctorKind.PERMISSIONS_UNCHECKED,
                Severity.INFO, "Permissions of user '" + user + "' not checked on "
                + NodeList.counted(Doctor.addressesOf(nodes)) + ": " + detail + ".",
                nodes.get(0).acl().orElseThrow().status() == AclResult.Status.REFUSED
                        ? "Run doctor as an administrator with --acl-user " + user + "."
                        : "ACL DRYRUN needs Redis 7.0 or later.", Doctor.ids(nodes))));
    }

    /** {@code CLUSTER SETSLOT} becomes {@code +cluster|setslot}: how ACL SETUSER names a subcommand. */
    static String grant(String command) {
        return "+" + command.toLowerCase(Locale.ROOT).replace(' ', '|');
    }
}
