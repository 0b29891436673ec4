package dev.trib.planner.doctor;

import java.util.List;

/**
 * One command trib sends, with arguments of the right arity for ACL DRYRUN (which refuses a wrong arity).
 *
 * @param name as users know it, e.g. {@code CLUSTER SETSLOT}
 * @param args the whole command line to dry-run
 */
public record Probe(String name, List<String> args) {
    public Probe {
        args = List.copyOf(args);
    }

    static Probe of(String... args) {
        boolean container = List.of("CLUSTER", "CONFIG").contains(args[0]);
        String name = args.length > 1 && container ? args[0] + " " + args[1] : args[0];
        return new Probe(name, List.of(args));
    }
}
