package dev.trib.node.config;

import java.util.List;
import java.util.Locale;

/** How a parameter's text is checked and normalised, with the error texts Redis 7.0 uses. */
public interface ValueKind {
    /** @return the canonical text stored and reported by CONFIG GET */
    String normalise(List<String> args) throws ConfigValueException;

    /** How many arguments the directive takes; -1 means one or more. */
    default int argCount() {
        return 1;
    }

    ValueKind BOOL = args -> switch (args.get(0).toLowerCase(Locale.ROOT)) {
        case "yes" -> "yes";
        case "no" -> "no";
        default -> throw new ConfigValueException("argument must be 'yes' or 'no'");
    };

    ValueKind STRING = args -> args.get(0);

    static ValueKind integer(long min, long max) {
        return args -> {
            long value;
            try {
                value = Long.parseLong(args.get(0));
            } catch (NumberFormatException e) {
                throw new ConfigValueException("argument couldn't be parsed into an integer");
            }
            if (value < min || value > max) {
                throw new ConfigValueException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(value);
        };
    }

    static ValueKind oneOf(String... choices) {
        return args -> {
            String lower = args.get(0).toLowerCase(Locale.ROOT);
            for (String choice : choices) {
                if (choice.equals(lower)) {
                    return choice;
                }
            }
            throw new ConfigValueException("argument(s) must be one of the following: " + String.join(", ", choices));
        };
    }

    /** Space separated words given as one or more arguments (bind, save). */
    static ValueKind words(ValueKind each) {
        return new ValueKind() {
            @Override
            public String normalise(List<String> args) throws ConfigValueException {
                StringBuilder out = new StringBuilder();
                for (String arg : args) {
                    for (String word : arg.trim().split(" +")) {
                        if (word.isEmpty()) {
                            continue;
                        }
                        if (out.length() > 0) {
                            out.append(' ');
                        }
                        out.append(each.normalise(List.of(word)));
                    }
                }
                return out.toString();
            }

            @Override
            public int argCount() {
                return -1;
            }
        };
    }
}
