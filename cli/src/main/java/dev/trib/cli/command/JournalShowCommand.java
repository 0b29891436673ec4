package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.commands.migrate.Journal;
import dev.trib.planner.topology.SlotSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "show", description = "One journal: its cluster, and per source and target the slots done and left.")
public final class JournalShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The journal (a path, or a file name in "
            + "~/.trib/journals).")
    Path file;

    @Override
    public Integer call() {
        Journal j = Journal.load(resolve(file));
        PrintWriter out = spec.commandLine().getOut();
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

    /** A name without a directory is looked for in ~/.trib/journals. */
    static Path resolve(Path given) {
        return given.getParent() == null && !java.nio.file.Files.exists(given)
                ? Journal.defaultDirectory().resolve(given) : given;
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
