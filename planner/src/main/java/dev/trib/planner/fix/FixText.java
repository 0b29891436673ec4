package dev.trib.planner.fix;

import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The lines the user reads about a {@link FixPlan}: the one place its text is made. */
public final class FixText {
    private FixText() {
    }

    /** Fix's refusal to work around masters it cannot reach (without --fix-with-unreachable-masters). */
    public static String unreachable(List<NodeReport> masters) {
        // A master that did not answer in time may be alive and busy: repairing around it would take its slots.
        boolean slow = masters.stream().anyMatch(m -> m.failure().filter(f -> f.contains("timed out")
                || f.contains("in time")).isPresent());
        return "Masters cannot be reached: " + masters.stream().map(m -> m.address() + " (" + m.failure().orElse("?")
                + ")").collect(Collectors.joining(", ")) + ". Nothing was changed; " + (slow ? "if a master is only "
                + "slow, run fix again or give it longer (--timeout MS, --command-timeout MS); if it is down, " : "")
                + "use --fix-with-unreachable-masters to repair around them.";
    }

    /** One step in one line. */
    public static String line(FixStep step) {
        if (step instanceof FixStep.Introduce in) {
            return "Node " + in.node().address() + " does not know " + in.unknown().address() + " ("
                    + in.unknown().self().shortId() + "): introduce them (CLUSTER MEET).";
        }
        if (step instanceof FixStep.Assign as) {
            return "Slots " + as.slots() + ": assign to " + as.master().address() + " (" + reason(as.why()) + ").";
        }
        return "Slot " + slotOf(step) + slotFree(step);
    }

    /**
     * One line per run of steps on consecutive slots that differ only in their slot ({@code Slots 0-511: finish
     * moving it from A to B.}): 512 open slots read as one line, not 512. Scattered slots stay one line each.
     */
    public static List<String> lines(List<FixStep> steps) {
        List<String> out = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        FixStep runFirst = null;
        for (FixStep step : steps) {
            boolean perSlot = slotOf(step) >= 0;
            boolean joins = perSlot && runFirst != null && step.getClass().equals(runFirst.getClass())
                    && slotFree(step).equals(slotFree(runFirst)) && slotOf(step) == run.get(run.size() - 1) + 1;
            if (!joins && runFirst != null) {
                out.add(runLine(run, runFirst));
                run.clear();
                runFirst = null;
            }
            if (!perSlot) {
                out.add(line(step));
                continue;
            }
            if (runFirst == null) {
                runFirst = step;
            }
            run.add(slotOf(step));
        }
        if (runFirst != null) {
            out.add(runLine(run, runFirst));
        }
        return out;
    }

    private static String runLine(List<Integer> run, FixStep first) {
        return (run.size() == 1 ? "Slot " : "Slots ") + SlotSet.of(run) + slotFree(first);
    }

    /** The slot of a per-slot step; -1 for the others. */
    private static int slotOf(FixStep step) {
        if (step instanceof FixStep.ResolveOwners r) {
            return r.slot();
        } else if (step instanceof FixStep.FinishMove f) {
            return f.slot();
        } else if (step instanceof FixStep.Stabilize st) {
            return st.slot();
        } else if (step instanceof FixStep.ReturnKeys r) {
            return r.slot();
        } else if (step instanceof FixStep.MoveStrayKeys m) {
            return m.slot();
        }
        return -1;
    }

    /** What follows "Slot N" in a per-slot step's line. */
    private static String slotFree(FixStep step) {
        if (step instanceof FixStep.ResolveOwners r) {
            return " is claimed by " + r.keeper().address() + " and " + r.others().stream()
                    .map(o -> o.address().toString()).collect(Collectors.joining(", ")) + ": keep it on "
                    + r.keeper().address() + " (most keys) and move the others' keys there.";
        } else if (step instanceof FixStep.FinishMove f) {
            return ": finish moving it from " + f.owner().address() + " to " + f.target().address() + ".";
        } else if (step instanceof FixStep.Stabilize st) {
            return ": close the open mark on " + st.node().address() + " (CLUSTER SETSLOT STABLE).";
        } else if (step instanceof FixStep.ReturnKeys r) {
            return ": move the keys " + r.holder().address() + " imported back to the owner " + r.owner().address()
                    + ", then close the mark.";
        } else if (step instanceof FixStep.MoveStrayKeys m) {
            return ": move the " + m.keys() + " key(s) " + m.holder().address()
                    + " holds without owning the slot to its owner " + m.owner().address() + ".";
        }
        throw new IllegalArgumentException("not a per-slot step: " + step);
    }

    private static String reason(FixStep.AssignReason why) {
        return why == FixStep.AssignReason.HOLDS_KEYS ? "it holds their keys" : "no master holds keys of them";
    }
}
