package dev.trib.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Man pages (troff, section 1) for trib and every subcommand, written from the same picocli model that prints
 * {@code --help}, at build time: they cannot drift from it. picocli's own generator writes AsciiDoc, which would
 * need Asciidoctor (JRuby) in the build to become troff; the few sections a man page has are simpler to write.
 */
public final class ManPages {
    private ManPages() {
    }

    /** {@code ManPages OUT_DIR VERSION DATE}: writes {@code trib.1}, {@code trib-check.1}, ... into OUT_DIR. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        PrintWriter quiet = new PrintWriter(new StringWriter());
        CommandLine root = CommandLineFactory.create(new TribContext(Environment.system(), null, false), quiet, quiet);
        for (Map.Entry<String, String> page : pages(root, args[1], args[2]).entrySet()) {
            Files.writeString(dir.resolve(page.getKey() + ".1"), page.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Page name ({@code trib-sandbox-up}) to troff text, for the command and every subcommand below it. */
    public static Map<String, String> pages(CommandLine root, String version, String date) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(root, version, date, out);
        return out;
    }

    private static void collect(CommandLine cl, String version, String date, Map<String, String> out) {
        CommandSpec spec = cl.getCommandSpec();
        out.put(spec.qualifiedName("-"), page(cl, version, date));
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && sub.getCommandName().equals(sub.getCommandSpec().name())) {
                collect(sub, version, date, out);
            }
        }
    }

    static String page(CommandLine cl, String version, String date) {
        CommandSpec spec = cl.getCommandSpec();
        String name = spec.qualifiedName("-");
        StringBuilder t = new StringBuilder();
        t.append(".TH ").append(escape(name.toUpperCase(java.util.Locale.ROOT))).append(" 1 \"").append(date)
                .append("\" \"trib ").append(escape(version)).append("\" \"trib manual\"\n");
        t.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        t.append(".SH SYNOPSIS\n.nf\n")
                .append(escape(cl.getHelp().synopsis(0).stripTrailing())).append("\n.fi\n");
        t.append(".SH DESCRIPTION\n").append(escape(String.join(" ", spec.usageMessage().description())))
                .append('\n');
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            t.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                t.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n').append(description(p)).append('\n');
            }
        }
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            t.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                t.append(".TP\n.B ").append(escape(String.join(", ", o.names())));
                if (o.typeInfo() != null && !o.typeInfo().isBoolean() && !o.usageHelp() && !o.versionHelp()) {
                    t.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
                }
                t.append('\n').append(description(o)).append('\n');
            }
        }
        if (!cl.getSubcommands().isEmpty()) {
            t.append(".SH COMMANDS\n");
            for (CommandLine sub : cl.getSubcommands().values()) {
                CommandSpec s = sub.getCommandSpec();
                if (!s.usageMessage().hidden() && sub.getCommandName().equals(s.name())) {
                    t.append(".TP\n.B ").append(escape(s.name())).append('\n')
                            .append(escape(String.join(" ", s.usageMessage().description())))
                            .append(" See \\fB").append(escape(s.qualifiedName("-"))).append("\\fR(1).\n");
                }
            }
        }
        String footer = String.join("\n", spec.usageMessage().footer()).strip();
        if (!footer.isEmpty()) {
            t.append(".SH NOTES\n").append(escape(footer).replace("\n", "\n.br\n")).append('\n');
        }
        t.append(".SH SEE ALSO\n");
        if (spec.parent() != null) {
            t.append("\\fB").append(escape(spec.parent().qualifiedName("-"))).append("\\fR(1), ");
        }
        t.append("the documents under /usr/share/doc/trib/docs (or docs/ of a release archive).\n");
        return t.toString();
    }

    /** The description as --help shows it: picocli's variables rendered, lines joined. */
    private static String description(ArgSpec a) {
        String text = String.join(" ", a.description());
        if (text.contains("${DEFAULT-VALUE}")) {
            text = text.replace("${DEFAULT-VALUE}", String.valueOf(a.defaultValueString()));
        }
        if (text.contains("${COMPLETION-CANDIDATES}") && a.completionCandidates() != null) {
            text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", a.completionCandidates()));
        }
        return escape(text.replace("%n", " "));
    }

    /** troff-safe text: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : e.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }
}
