package dev.trib.node.command.help;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandTable;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.text.CText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * X HELP for the container commands: redis-server 7.0's reply, line for line (clients and scripts parse it), from
 * the text kept in redis-7.0-help.txt; the header names the command as typed, upper-cased, as Redis does.
 */
public record HelpCommand(List<String> lines) implements Command {
    private static final Map<String, List<String>> TEXTS = load();

    @Override
    public RespReply execute(CommandRequest request) {
        List<RespReply> out = new ArrayList<>(lines.size() + 3);
        out.add(new SimpleStringReply(CText.printed(request.arg(0), 1024).toUpperCase(java.util.Locale.ROOT)
                + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
        for (String line : lines) {
            out.add(new SimpleStringReply(line));
        }
        out.add(new SimpleStringReply("HELP"));
        out.add(new SimpleStringReply("    Prints this help."));
        return Replies.array(out);
    }

    /** Adds X|HELP to every container named in the help text that is registered and has no HELP of its own. */
    public static void registerAll(CommandTable table) {
        for (Map.Entry<String, List<String>> e : TEXTS.entrySet()) {
            var spec = table.lookup(e.getKey());
            if (spec != null && spec.isContainer() && spec.subcommand("help") == null) {
                table.addSubcommand(e.getKey(), "help", 2, new HelpCommand(e.getValue()),
                        dev.trib.node.command.CommandFlag.LOADING, dev.trib.node.command.CommandFlag.STALE);
            }
        }
    }

    private static Map<String, List<String>> load() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (InputStream in = HelpCommand.class.getResourceAsStream("redis-7.0-help.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> current = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("=== ")) {
                    current = new ArrayList<>();
                    out.put(line.substring(4).trim(), current);
                } else if (current != null) {
                    current.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
