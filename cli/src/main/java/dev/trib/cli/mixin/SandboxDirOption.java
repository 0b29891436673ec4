package dev.trib.cli.mixin;

import dev.trib.commands.sandbox.Sandbox;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the sandbox keeps its nodes, shared by the sandbox subcommands: one place, whatever the working directory. */
public class SandboxDirOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Sandbox directory (default: ~/.trib/sandbox, found from any working directory).")
    Path dir;

    public Sandbox sandbox() {
        return new Sandbox(dir != null ? dir : Sandbox.defaultDirectory());
    }

    /**
     * Where "no sandbox here" should point when the default directory is empty but the working directory holds a
     * sandbox of an older trib (those lived in ./.trib-sandbox); empty otherwise.
     */
    public String olderSandboxHint() {
        Path older = Path.of(".trib-sandbox");
        return dir == null && Files.exists(older.resolve("sandbox.state"))
                ? " (a sandbox made by an older trib is in " + older.toAbsolutePath() + ": add --dir .trib-sandbox)"
                : "";
    }

    /** " --dir DIR" when not the default, for commands we print for the user to type next. */
    public String asArgument() {
        return dir == null ? "" : " --dir " + sandbox().dir();
    }

    /** The command's stdout, where the sandbox commands report (flush after the last line). */
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
