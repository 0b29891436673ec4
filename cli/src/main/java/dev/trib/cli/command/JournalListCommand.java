package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.output.Json;
import dev.trib.commands.migrate.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list", description = "The journals in ~/.trib/journals, newest first: kind, cluster, progress.")
public final class JournalListCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Option(names = "--all", description = "Finished journals too (by default only unfinished ones).")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        List<Journal> journals = Journal.all().stream().filter(j -> all || !j.finished()).toList();
        if (output.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", ExitCodes.OK);
            doc.put("directory", Journal.defaultDirectory().toString());
            doc.put("journals", journals.stream().map(JournalShowCommand::json).toList());
            Json.print(out, doc);
            return ExitCodes.OK;
        }
        if (journals.isEmpty()) {
            out.println("No " + (all ? "" : "unfinished ") + "journal in " + Journal.defaultDirectory() + ".");
        }
        for (Journal j : journals) {
            out.println(JournalShowCommand.summary(j));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
