package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.JournalFile;
import dev.trib.cli.output.Json;
import dev.trib.commands.migrate.Journal;
import dev.trib.planner.topology.SlotSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "show", description = "One journal: its cluster, and per source and target the slots done and left.")
public final class JournalShowCommand implements Callable<Integer> {
    @Mixin
    JournalFile file;

    @Override
    public Integer call() {
        Journal j = file.load();
        PrintWriter out = file.output.out();
        if (file.output.json) {
            Json.print(out, Json.withExitCode(ExitCodes.OK, Map.of("journal", json(j))));
            return ExitCodes.OK;
        }
        out.println(summary(j));
        Map<String, SlotSet> left = MigrationRun.byPair(j.remaining());
        for (var e : MigrationRun.byPair(j.moves()).entrySet()) {
            SlotSet todo = left.getOrDefault(e.getKey(), SlotSet.EMPTY);
            out.println("  " + e.getKey().replace(" ", " -> ") + ": " + e.getValue().size() + " slots, " + todo.size()
                    + " left" + (todo.isEmpty() ? "" : " (" + todo.summary(4) + ")"));
        }
        if (!j.finished()) {
            out.println("Resume with: trib " + j.kind() + " " + j.entry() + " --resume --journal " + j.path());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** A journal under --json: file, kind, cluster, progress, and per source and target the slots left. */
    static Map<String, Object> json(Journal j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", j.path().toString());
        m.put("kind", j.kind());
        m.put("entry", j.entry());
        m.put("masterIds", j.nodeIds());
        m.put("created", j.created());
        m.put("slotMoves", j.moves().size());
        m.put("slotMovesLeft", j.remaining().size());
        m.put("finished", j.finished());
        Map<String, SlotSet> left = MigrationRun.byPair(j.remaining());
        List<Map<String, Object>> pairs = new java.util.ArrayList<>();
        for (var e : MigrationRun.byPair(j.moves()).entrySet()) {
            String[] ids = e.getKey().split(" ");
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("sourceId", ids[0]);
            pair.put("targetId", ids[1]);
            pair.put("slots", e.getValue().toString());
            pair.put("slotsLeft", left.getOrDefault(e.getKey(), SlotSet.EMPTY).toString());
            pairs.add(pair);
        }
        m.put("moves", pairs);
        return m;
    }

    /** One line: file, kind, cluster, progress. */
    static String summary(Journal j) {
        int total = j.moves().size();
        int done = total - j.remaining().size();
        return j.path() + "  " + j.kind() + " of the cluster at " + j.entry() + " (masters "
                + j.nodeIds().stream().map(id -> id.substring(0, Math.min(8, id.length()))).toList() + "), created "
                + j.created() + ": " + done + " of " + total + " slots moved" + (j.finished() ? ", finished" : "");
    }
}
