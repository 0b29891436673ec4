package dev.trib.cli.prompt;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Prompts on the terminal with jline3 when there is one (line editing, hidden password input), and reads plain
 * lines from stdin otherwise, so scripts can pipe answers in. The terminal is only opened on the first question:
 * commands that never ask pay nothing for it.
 */
public final class ConsolePrompter implements Prompter {
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
    public Optional<String> readLine(String prompt, java.util.List<String> completions) {
        if (System.console() == null) {
            return readLine(prompt);
        }
        LineReader withCompletion = LineReaderBuilder.builder().terminal(lineReader().getTerminal())
                .completer(new org.jline.reader.impl.completer.StringsCompleter(completions)).build();
        try {
            return Optional.of(withCompletion.readLine(prompt));
        } catch (EndOfFileException | UserInterruptException e) {
            return Optional.empty();
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

    private LineReader lineReader() {
        if (reader == null) {
            try {
                Terminal terminal = TerminalBuilder.builder().system(true).build();
                reader = LineReaderBuilder.builder().terminal(terminal).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the terminal", e);
            }
        }
        return reader;
    }
}
