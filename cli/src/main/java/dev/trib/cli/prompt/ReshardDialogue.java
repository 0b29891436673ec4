package dev.trib.cli.prompt;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.output.Printer;
import dev.trib.commands.ops.NodeIds;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.SlotRange;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * redis-cli's reshard questions — how many slots, the receiving node, the sources — asked only for what the command
 * line left out. The cluster is shown first, so the answers can be read off it; a node may be named by ID, unique
 * ID prefix or HOST:PORT; a wrong answer says why and the question is asked again. What the command line gave is
 * not asked again: a wrong option ends the command with its one-line refusal.
 */
public final class ReshardDialogue {
    /** The plan's inputs; no source IDs means every master but the target. */
    public record Answers(int slots, String targetId, List<String> sourceIds) {
    }

    /** Wrong answers in a row to one question before the dialogue gives up (a script piping the wrong file). */
    static final int MAX_WRONG_ANSWERS = 10;
    private static final String SLOTS_QUESTION = "How many slots do you want to move (from 1 to %d)? ";
    private static final String TARGET_QUESTION = "What is the receiving node ID? ";
    private static final int RANGES_SHOWN = 6;

    private final Prompter prompter;
    private final Printer out;
    private final ClusterSnapshot snapshot;

    /** @param out where the cluster, the help and the reasons for asking again go (stderr, beside the prompts) */
    public ReshardDialogue(Prompter prompter, Printer out, ClusterSnapshot snapshot) {
        this.prompter = prompter;
        this.out = out;
        this.snapshot = snapshot;
    }

    /**
     * @param slots the --slots given, or null to ask
     * @param to    the --to given, or null to ask
     * @param from  the --from given ("all" or IDs), or null to ask
     * @throws OperationRefusedException for a wrong option
     * @throws TribException             when input ends, or after {@value #MAX_WRONG_ANSWERS} wrong answers in a row
     */
    public Answers ask(Integer slots, String to, List<String> from) {
        // Given as options, the refusal names the option, as add-node's does for --master-id.
        String target = to == null ? null : master(to, "--to needs a master's ID").id();
        List<String> sources = from == null ? null : givenSources(from, target);
        if (slots == null || target == null || sources == null) {
            showCluster();
        }
        int count = slots != null ? slots : askSlots(KeySlots.COUNT);
        if (target == null) {
            target = askTarget();
        }
        if (sources == null) {
            sources = askSources(target);
        }
        if (slots == null) {
            // Only now is it known what the sources can give: a count the user typed is asked again, lower.
            int owned = owned(sources, target);
            while (count > owned && owned > 0) {
                out.line("*** The source nodes own " + owned + " slots, fewer than the " + count + " asked for.");
                count = askSlots(owned);
            }
        }
        return new Answers(count, target, sources);
    }

    private List<String> givenSources(List<String> from, String target) {
        if (from.size() == 1 && from.get(0).trim().equalsIgnoreCase("all")) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String f : from) {
            ids.add(master(f, "--from needs a master's ID").id());
        }
        return ids;
    }

    /** Masters, addresses, slots (as ranges), keys and replicas: what the questions are about. */
    private void showCluster() {
        List<NodeReport> masters = snapshot.masters();
        out.step("Masters of the cluster at " + snapshot.entry() + " (" + masters.size() + "):");
        for (NodeReport m : masters) {
            SlotSet slots = m.self().slots();
            String keys = m.keys().isPresent() ? String.format(Locale.ROOT, "%,d keys", m.keys().getAsLong())
                    : "keys unknown (unreachable)";
            int replicas = snapshot.replicasOf(m.id()).size();
            out.line("  " + m.id() + " " + m.address() + "  " + slots.size() + " slots " + ranges(slots) + "  "
                    + keys + "  " + replicas + (replicas == 1 ? " replica" : " replicas"));
        }
    }

    /** {@code [0-5460]}; past a few ranges, the first ones and how many more, so a line stays readable. */
    static String ranges(SlotSet slots) {
        List<SlotRange> ranges = slots.ranges();
        if (ranges.isEmpty()) {
            return "[]";
        }
        String shown = ranges.stream().limit(RANGES_SHOWN).map(SlotRange::toString).collect(Collectors.joining(","));
        return "[" + shown + (ranges.size() > RANGES_SHOWN ? ",... " + ranges.size() + " ranges" : "") + "]";
    }

    private int askSlots(int max) {
        String question = String.format(Locale.ROOT, SLOTS_QUESTION, max);
        for (int wrong = 0; wrong < MAX_WRONG_ANSWERS; wrong++) {
            String a = answer(question, List.of());
            Optional<Integer> n = number(a);
            if (n.isEmpty()) {
                out.line("*** '" + a + "' is not a number of slots: type a whole number from 1 to " + max + ".");
            } else if (n.get() < 1 || n.get() > max) {
                out.line("*** " + a + " is out of range: type a number from 1 to " + max + ".");
            } else {
                return n.get();
            }
        }
        throw tooManyWrongAnswers();
    }

    private static Optional<Integer> number(String a) {
        if (a.isEmpty() || a.length() > 9 || !a.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(a));
    }

    private String askTarget() {
        List<Choice> choices = choices(null, false);
        for (int wrong = 0; wrong < MAX_WRONG_ANSWERS; wrong++) {
            String a = answer(TARGET_QUESTION, choices);
            try {
                return master(a, "the receiving node must be a master").id();
            } catch (OperationRefusedException e) {
                out.line("*** " + e.getMessage());
            }
        }
        throw tooManyWrongAnswers();
    }

    private List<String> askSources(String target) {
        out.line("Please enter all the source node IDs (or addresses).");
        out.line("  Type 'all' to use all the nodes as source nodes for the hash slots.");
        out.line("  Type 'done' once you entered all the source nodes IDs.");
        List<Choice> choices = choices(target, true);
        List<String> sources = new ArrayList<>();
        int wrong = 0;
        while (wrong < MAX_WRONG_ANSWERS) {
            String a = answer("Source node #" + (sources.size() + 1) + ": ", choices);
            Optional<String> why;
            if (a.equalsIgnoreCase("all")) {
                if (sources.isEmpty()) {
                    return List.of();
                }
                why = Optional.of("'all' cannot follow named sources: type 'done' to use the " + sources.size()
                        + " named, or name more.");
            } else if (a.equalsIgnoreCase("done")) {
                if (!sources.isEmpty()) {
                    return sources;
                }
                why = Optional.of("No source node yet: name at least one, or type 'all'.");
            } else {
                why = addSource(a, target, sources);
            }
            if (why.isEmpty()) {
                wrong = 0;
            } else {
                out.line("*** " + why.get());
                wrong++;
            }
        }
        throw tooManyWrongAnswers();
    }

    /** Adds the named master to the sources, or says why it cannot be one. */
    private Optional<String> addSource(String answer, String target, List<String> sources) {
        NodeReport m;
        try {
            m = master(answer, "a source node must be a master");
        } catch (OperationRefusedException e) {
            return Optional.of(e.getMessage());
        }
        if (m.id().equals(target)) {
            return Optional.of(m.address() + " (" + m.id() + ") is the receiving node: it cannot also be a source.");
        }
        if (sources.contains(m.id())) {
            return Optional.of(m.address() + " (" + m.id() + ") is already source #" + (sources.indexOf(m.id()) + 1)
                    + ".");
        }
        if (m.self().slots().isEmpty()) {
            return Optional.of(m.address() + " (" + m.id() + ") owns no slots to give.");
        }
        sources.add(m.id());
        return Optional.empty();
    }

    private int owned(List<String> sources, String target) {
        return snapshot.masters().stream()
                .filter(m -> sources.isEmpty() ? !m.id().equals(target) : sources.contains(m.id()))
                .mapToInt(m -> m.self().slots().size()).sum();
    }

    /** Each master by ID, listed with its address and slot count, completing from its address too. */
    private List<Choice> choices(String except, boolean withAllAndDone) {
        List<Choice> choices = new ArrayList<>();
        for (NodeReport m : snapshot.masters()) {
            if (!m.id().equals(except)) {
                choices.add(new Choice(m.id(), m.address().toString(), m.address() + ", "
                        + m.self().slots().size() + " slots"));
            }
        }
        if (withAllAndDone) {
            choices.add(new Choice("all", null, "every master but the receiving one"));
            choices.add(new Choice("done", null, "the sources named so far"));
        }
        return choices;
    }

    private NodeReport master(String ref, String purpose) {
        return NodeIds.master(snapshot.nodes(), ref, purpose);
    }

    private String answer(String question, List<Choice> choices) {
        Optional<String> a = choices.isEmpty() ? prompter.readLine(question) : prompter.readLine(question, choices);
        return a.orElseThrow(() -> new TribException(ExitCodes.PROBLEMS, "Aborted: the input ended before '"
                + question.trim() + "' was answered; nothing was moved.")).trim();
    }

    private static TribException tooManyWrongAnswers() {
        return new TribException(ExitCodes.PROBLEMS, "Aborted after " + MAX_WRONG_ANSWERS
                + " wrong answers in a row; nothing was moved.");
    }
}
