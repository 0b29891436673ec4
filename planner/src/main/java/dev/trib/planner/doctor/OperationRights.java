package dev.trib.planner.doctor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One trib operation judged over the nodes where ACL DRYRUN answered: the commands the user lacks anywhere, and
 * the nodes lacking any. The report and the JSON document both read it.
 */
public record OperationRights(TribOperation operation, Set<String> missing, List<NodeFacts> where) {
    public OperationRights {
        missing = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(missing)); // keeps the order sent
        where = List.copyOf(where);
    }

    public boolean allowed() {
        return missing.isEmpty();
    }

    /** The nodes whose permissions were checked. */
    public static List<NodeFacts> checked(DoctorInput input) {
        return input.reachable().stream()
                .filter(n -> n.acl().filter(a -> a.status() == AclResult.Status.CHECKED).isPresent()).toList();
    }

    /** Every operation in table order, judged over the checked nodes; missing commands in the order sent. */
    public static List<OperationRights> of(List<NodeFacts> checked) {
        List<OperationRights> out = new ArrayList<>();
        for (TribOperation op : TribOperation.values()) {
            Set<String> missing = new LinkedHashSet<>();
            List<NodeFacts> where = new ArrayList<>();
            for (NodeFacts n : checked) {
                List<String> denied = op.probes().stream().map(Probe::name)
                        .filter(n.acl().orElseThrow().denied()::contains).toList();
                if (!denied.isEmpty()) {
                    missing.addAll(denied);
                    where.add(n);
                }
            }
            out.add(new OperationRights(op, missing, where));
        }
        return out;
    }
}
