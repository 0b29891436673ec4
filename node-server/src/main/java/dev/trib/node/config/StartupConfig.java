package dev.trib.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads redis-server's command line: an optional config file path first, then
 * {@code --directive value...} groups, which are applied after the file's lines (later wins).
 */
public final class StartupConfig {
    private final Path configFile;
    private final Map<String, String> values;
    private final List<List<String>> users;

    private StartupConfig(Path configFile, Map<String, String> values, List<List<String>> users) {
        this.configFile = configFile;
        this.values = values;
        this.users = users;
    }

    /**
     * The {@code user} directives in order, each the user name followed by its ACL rules. They are not
     * parameters (CONFIG GET does not show them, as in redis-server), so they are kept apart.
     */
    public List<List<String>> users() {
        return users;
    }

    /** The config file named on the command line, or null. */
    public Path configFile() {
        return configFile;
    }

    /** Canonical parameter name -> normalised value, for every directive given. */
    public Map<String, String> values() {
        return values;
    }

    /**
     * @throws ConfigFileException for unknown directives, bad values, unreadable files
     */
    public static StartupConfig parse(String[] args, ConfigParameters parameters) {
        List<String> lines = new ArrayList<>();
        Path file = null;
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            file = Path.of(args[0]);
            try {
                lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new ConfigFileException(0, args[0], "Fatal error, can't open config file '" + args[0] + "': "
                        + e.getMessage());
            }
            i = 1;
        }
        List<List<String>> optionLines = new ArrayList<>();
        while (i < args.length) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigFileException(lines.size() + optionLines.size() + 1, arg,
                        "Bad directive or wrong number of arguments");
            }
            List<String> words = new ArrayList<>();
            words.add(arg.substring(2));
            i++;
            while (i < args.length && !(args[i].startsWith("--") && args[i].length() > 2)) {
                words.add(args[i]);
                i++;
            }
            optionLines.add(words);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<List<String>> users = new ArrayList<>();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> words = ConfigLine.split(trimmed);
            if (words == null) {
                throw new ConfigFileException(lineNumber, trimmed, "Unbalanced quotes in configuration line");
            }
            apply(words, lineNumber, trimmed, parameters, values, users);
        }
        for (List<String> words : optionLines) {
            lineNumber++;
            apply(words, lineNumber, display(words), parameters, values, users);
        }
        return new StartupConfig(file, values, users);
    }

    private static String display(List<String> words) {
        StringBuilder sb = new StringBuilder(words.get(0));
        for (int i = 1; i < words.size(); i++) {
            sb.append(' ').append(ConfigLine.quote(words.get(i)));
        }
        return sb.toString();
    }

    private static void apply(List<String> words, int lineNumber, String line, ConfigParameters parameters,
                              Map<String, String> values, List<List<String>> users) {
        if (words.get(0).equalsIgnoreCase("user")) {
            if (words.size() < 2) {
                throw new ConfigFileException(lineNumber, line, "wrong number of arguments");
            }
            users.add(List.copyOf(words.subList(1, words.size())));
            return;
        }
        ConfigParameter p = parameters.lookup(words.get(0));
        List<String> args = words.subList(1, words.size());
        if (p == null) {
            throw new ConfigFileException(lineNumber, line, "Bad directive or wrong number of arguments");
        }
        int expected = p.kind().argCount();
        if (expected < 0 ? args.isEmpty() : args.size() != expected) {
            throw new ConfigFileException(lineNumber, line, "wrong number of arguments");
        }
        String value;
        try {
            value = p.kind().normalise(args);
        } catch (ConfigValueException e) {
            throw new ConfigFileException(lineNumber, line, e.getMessage());
        }
        values.put(p.name(), value);
    }
}
