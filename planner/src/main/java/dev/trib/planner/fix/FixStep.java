package dev.trib.planner.fix;

import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.SlotSet;

import java.util.List;

/** One repair of a {@link FixPlan}, as data: which nodes do what to which slot. Immutable. */
public sealed interface FixStep {

    /** Two reachable nodes of the cluster that do not know each other (one was forgotten): MEET them again. */
    record Introduce(NodeReport node, NodeReport unknown) implements FixStep {
    }

    /** Several masters claim the slot: it stays where most keys are; the others give it up and hand their keys over. */
    record ResolveOwners(int slot, NodeReport keeper, List<NodeReport> others) implements FixStep {
        public ResolveOwners {
            others = List.copyOf(others);
        }
    }

    /** Migrating on the owner and importing on the target: finish the move. */
    record FinishMove(int slot, NodeReport owner, NodeReport target) implements FixStep {
    }

    /** An open mark with no keys elsewhere to worry about: close it (CLUSTER SETSLOT STABLE). */
    record Stabilize(int slot, NodeReport node) implements FixStep {
    }

    /** Importing only, with keys already there: give them to the owner, then close the mark. */
    record ReturnKeys(int slot, NodeReport holder, NodeReport owner) implements FixStep {
    }

    /** Keys in a slot the node neither owns nor has open (written there by hand): give them to the owner. */
    record MoveStrayKeys(int slot, NodeReport holder, NodeReport owner, long keys) implements FixStep {
    }

    /** Nobody serves the slots: the master takes them. */
    record Assign(SlotSet slots, NodeReport master, AssignReason why) implements FixStep {
    }

    /** Why a master is given unserved slots. */
    enum AssignReason {
        /** It is the only master holding keys of them. */
        HOLDS_KEYS,
        /** No master holds keys of them: the master the entry node still names, or the emptiest. */
        NO_KEYS
    }
}
