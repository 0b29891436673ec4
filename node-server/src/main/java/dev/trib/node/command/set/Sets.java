package dev.trib.node.command.set;

import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import java.util.ArrayList;
import java.util.List;

/** Set algebra shared by SINTER, SUNION, SDIFF, SMEMBERS and SPOP. */
final class Sets {
    private Sets() {
    }

    /**
     * The sets named from argument {@code first} on, null for missing keys. Every key is type
     * checked before any work, so a wrong type anywhere wins over an empty result.
     */
    static List<SetValue> lookup(Keyspace keyspace, CommandRequest request, int first) {
        List<SetValue> sets = new ArrayList<>(request.argc() - first);
        for (int i = first; i < request.argc(); i++) {
            sets.add(keyspace.get(request.key(i), SetValue.class));
        }
        return sets;
    }

    /** A new set with every member of the given sets (missing ones are empty), built like Redis builds it. */
    static SetValue union(List<SetValue> sets) {
        SetValue out = new SetValue();
        for (SetValue s : sets) {
            if (s != null) {
                s.forEach(out::add);
            }
        }
        return out;
    }

    /** Members of the first set that are in none of the others. */
    static SetValue difference(List<SetValue> sets) {
        SetValue out = new SetValue();
        SetValue first = sets.get(0);
        if (first == null) {
            return out;
        }
        first.forEach(member -> {
            for (int i = 1; i < sets.size(); i++) {
                SetValue other = sets.get(i);
                if (other == first || (other != null && other.contains(member))) {
                    return;
                }
            }
            out.add(member);
        });
        return out;
    }

    /** Members common to all sets, in the iteration order of the smallest one. */
    static List<byte[]> intersection(List<SetValue> sets) {
        List<SetValue> bySize = new ArrayList<>(sets);
        bySize.sort((a, b) -> Integer.compare(a.size(), b.size()));
        SetValue smallest = bySize.get(0);
        List<byte[]> out = new ArrayList<>();
        smallest.forEach(member -> {
            for (int i = 1; i < bySize.size(); i++) {
                SetValue other = bySize.get(i);
                if (other != smallest && !other.contains(member)) {
                    return;
                }
            }
            out.add(member);
        });
        return out;
    }
}
