package dev.trib.cli;

import dev.trib.cli.prompt.Prompter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs trib in-process with captured stdout/stderr, a given environment and scripted answers to prompts. */
public final class TribRunner {
    private final Map<String, String> env = new HashMap<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private boolean terminal;

    public TribRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TribRunner answers(String... lines) {
        answers.addAll(List.of(lines));
        return this;
    }

    public TribRunner terminal(boolean isTerminal) {
        this.terminal = isTerminal;
        return this;
    }

    /** The outcome of one run; toString shows everything so a failed assertion explains itself. */
    public record Result(int exitCode, String out, String err, List<String> prompts) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> prompts = new java.util.ArrayList<>();
        Prompter prompter = new Prompter() {
            @Override
            public Optional<String> readLine(String prompt) {
                prompts.add(prompt);
                return Optional.ofNullable(answers.poll());
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return readLine(prompt).map(String::toCharArray);
            }
        };
        TribContext context = new TribContext(Environment.of(env), prompter, terminal);
        int code = CommandLineFactory.forArgs(context, new PrintWriter(out, true), new PrintWriter(err, true), args)
                .execute(args);
        return new Result(code, out.toString(), err.toString(), prompts);
    }

    public static Result trib(String... args) {
        return new TribRunner().run(args);
    }
}
