package dev.trib.cli.prompt;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Prompts on the terminal with jline3 when there is one (line editing, hidden password input), and reads plain
 * lines from stdin otherwise, so scripts can pipe answers in. The terminal is only opened on the first question:
 * commands that never ask pay nothing for it.
 */
public final class ConsolePrompter implements Prompter, AutoCloseable {
    private final PrintStream promptOut;
    private LineReader reader;
    private BufferedReader stdin;

    public ConsolePrompter(PrintStream promptOut) {
        this.promptOut = promptOut;
    }

    @Override
    public Optional<String> readLine(String prompt) {
        if (System.console() != null) {
            try {
                return Optional.of(lineReader().readLine(prompt));
            } catch (EndOfFileException | UserInterruptException e) {
                return Optional.empty();
            }
        }
        promptOut.print(prompt);
        promptOut.flush();
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            return Optional.ofNullable(stdin.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> readLine(String prompt, List<Choice> choices) {
        if (System.console() == null) {
            return readLine(prompt);
        }
        LineReader withCompletion = LineReaderBuilder.builder().terminal(lineReader().getTerminal())
                .completer(new ChoiceCompleter(choices)).build();
        try {
            return Optional.of(withCompletion.readLine(prompt));
        } catch (EndOfFileException | UserInterruptException e) {
            return Optional.empty();
        }
    }

    /**
     * Offers each choice's value with its description; an alias (a node's address) is offered once the user has
     * typed its start, so an empty line lists each node once.
     */
    static final class ChoiceCompleter implements Completer {
        private final List<Choice> choices;

        ChoiceCompleter(List<Choice> choices) {
            this.choices = List.copyOf(choices);
        }

        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            String word = line.word().substring(0, line.wordCursor());
            for (Choice c : choices) {
                if (c.value().startsWith(word)) {
                    candidates.add(new Candidate(c.value(), c.value(), null, c.description(), null, null, true));
                } else if (!word.isEmpty() && c.alias() != null && c.alias().startsWith(word)) {
                    candidates.add(new Candidate(c.alias(), c.alias(), null, c.value(), null, null, true));
                }
            }
        }
    }

    @Override
    public Optional<char[]> readPassword(String prompt) {
        if (System.console() != null) {
            try {
                return Optional.of(lineReader().readLine(prompt, '*').toCharArray());
            } catch (EndOfFileException | UserInterruptException e) {
                return Optional.empty();
            }
        }
        return readLine(prompt).map(String::toCharArray);
    }

    /** Gives the terminal back as it was found (jline leaves it changed until its terminal is closed). */
    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.getTerminal().close();
            } catch (IOException e) {
                // the process is ending; nothing else to restore
            }
            reader = null;
        }
    }

    private static void exitLikeTheJvm(Terminal.Signal signal) {
        if (signal == Terminal.Signal.INT) {
            // Not on the signal thread: exit waits for the shutdown hooks, which may take a while.
            new Thread(() -> System.exit(130), "trib-sigint").start();
        }
    }

    private LineReader lineReader() {
        if (reader == null) {
            try {
                // The exec provider (stty) changes only the flags line editing needs; the JNI one rewrites the whole
                // termios and hands the terminal back with speed 0 and another line discipline (as in WatchScreen).
                // jline puts SIGINT back to "its previous handler" after each question, and with its default that
                // is the OS default: a Ctrl-C after the questions then killed trib on the spot, mid-migration with
                // slots left open, without the shutdown hook that stops it at a safe point. So the handler jline
                // returns to does what the JVM's own does: exit 130 through the shutdown hooks. During a question,
                // jline's own handler still turns Ctrl-C into "no answer".
                Terminal terminal = TerminalBuilder.builder().system(true).provider("exec").nativeSignals(false)
                        .signalHandler(ConsolePrompter::exitLikeTheJvm).build();
                reader = LineReaderBuilder.builder().terminal(terminal).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the terminal", e);
            }
        }
        return reader;
    }
}
