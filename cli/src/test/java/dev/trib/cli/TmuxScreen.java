package dev.trib.cli;

import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * trib in a child JVM on a real terminal (a detached tmux session), typed at with send-keys and read back with
 * capture-pane, through a script that records how it ended: the exit code, and whether trib gave the terminal
 * back as it found it. Skips loudly without tmux.
 */
public final class TmuxScreen implements AutoCloseable {
    private final String socket;
    private final Path result;

    private TmuxScreen(String socket, Path result) {
        this.socket = socket;
        this.result = result;
    }

    public static TmuxScreen start(Path dir, String name, int width, int height, String... tribArgs)
            throws IOException {
        Assumptions.assumeTrue(RedisFixture.executableOnPath("tmux") != null,
                "SKIPPED LOUDLY: tmux is not installed (.ci/run installs it), so the terminal is not tested");
        Path result = dir.resolve(name + ".result");
        StringBuilder cmd = new StringBuilder(quote(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString())).append(" -cp ").append(quote(System.getProperty("java.class.path")))
                .append(" dev.trib.cli.Main");
        for (String a : tribArgs) {
            cmd.append(' ').append(quote(a));
        }
        // The trap keeps the shell alive through Ctrl-C (children still get SIGINT) so it can report; stty -g
        // before and after shows whether trib gave the terminal back as it found it.
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, String.join("\n",
                "trap true INT",
                "before=$(stty -g)",
                cmd.toString(),
                "rc=$?",
                "if [ \"$before\" = \"$(stty -g)\" ]; then tty=restored; else tty=changed; fi",
                "echo \"$rc $tty\" > " + quote(result.toString()),
                ""));
        TmuxScreen s = new TmuxScreen("trib-" + name + "-" + ProcessHandle.current().pid(), result);
        s.tmux("new-session", "-d", "-x", Integer.toString(width), "-y", Integer.toString(height),
                "sh " + quote(script.toString()));
        return s;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Types keys as tmux names them ("Tab", "Enter", "C-c") or literal text. */
    public void type(String... keys) throws IOException {
        List<String> args = new ArrayList<>(List.of("send-keys"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    public String text() {
        try {
            return tmux("capture-pane", "-p");
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls the screen's text (a JVM starting on a loaded machine takes seconds); a timeout shows the screen. */
    public void await(String what, Predicate<String> condition) {
        awaitCapture(what, condition, "capture-pane", "-p");
    }

    /** Like {@link #await} on the screen with its attributes as escape codes. */
    public void awaitStyled(String what, Predicate<String> condition) {
        awaitCapture(what, condition, "capture-pane", "-p", "-e");
    }

    private void awaitCapture(String what, Predicate<String> condition, String... capture) {
        try {
            Poll.until(Duration.ofSeconds(60), what, () -> condition.test(tmux(capture)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- screen ---\n" + text(), e);
        }
    }

    /** Waits for the command, and the terminal with it, to end. */
    public void awaitEnd(Duration timeout) {
        try {
            Poll.until(timeout, "the command to end", () -> !alive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- screen ---\n" + text(), e);
        }
    }

    /** How it ended: "EXITCODE restored|changed" (the terminal's settings after, against before). */
    public String result() throws IOException {
        try {
            Poll.until(Duration.ofSeconds(60), "the script to report", () -> Files.exists(result)
                    && Files.readString(result).endsWith("\n"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- screen ---\n" + text(), e);
        }
        return Files.readString(result).strip();
    }

    public int exitCode() throws IOException {
        return Integer.parseInt(result().split(" ")[0]);
    }

    private boolean alive() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-L", socket, "has-session").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    public String tmux(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start()
                .waitFor(10, TimeUnit.SECONDS);
    }
}
