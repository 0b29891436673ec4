package dev.trib.cli;

import dev.trib.cli.prompt.Choice;
import dev.trib.cli.prompt.Prompter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs trib in-process answering its questions from a script, and keeps the dialogue as a user would see it on a
 * terminal: what was printed on stderr before each question, the question, the answer typed, in order.
 */
public final class DialogueRunner {
    private final Deque<String> answers = new ArrayDeque<>();

    public DialogueRunner answers(String... lines) {
        answers.addAll(List.of(lines));
        return this;
    }

    /**
     * @param transcript stderr with each question and its answer where it was asked ({@code <end of input>} when
     *                   the script had no answer left)
     * @param choices    the completion choices offered with each question that had any, by question
     */
    public record Result(int exitCode, String out, String err, String transcript, Map<String, List<Choice>> choices) {
        public List<String> transcriptLines() {
            return transcript.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- dialogue ---\n" + transcript;
        }
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        StringBuilder transcript = new StringBuilder();
        Map<String, List<Choice>> choices = new java.util.LinkedHashMap<>();
        int[] seen = {0};
        Prompter prompter = new Prompter() {
            @Override
            public Optional<String> readLine(String prompt) {
                String printed = err.toString();
                transcript.append(printed, seen[0], printed.length());
                seen[0] = printed.length();
                String a = answers.poll();
                transcript.append(prompt).append(a == null ? "<end of input>" : a).append('\n');
                return Optional.ofNullable(a);
            }

            @Override
            public Optional<String> readLine(String prompt, List<Choice> offered) {
                choices.put(prompt, new ArrayList<>(offered));
                return readLine(prompt);
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return readLine(prompt).map(String::toCharArray);
            }
        };
        TribContext context = new TribContext(Environment.of(Map.of()), prompter, false);
        int code = CommandLineFactory.forArgs(context, new PrintWriter(out, true), new PrintWriter(err, true), args)
                .execute(args);
        String printed = err.toString();
        transcript.append(printed, seen[0], printed.length());
        return new Result(code, out.toString(), printed, transcript.toString(), choices);
    }
}
