package dev.trib.cli.mixin;

import dev.trib.commands.sandbox.Sandbox;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the sandbox keeps its nodes, shared by the sandbox subcommands. */
public class SandboxDirOption {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".trib-sandbox",
            description = "Sandbox directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    public Sandbox sandbox() {
        return new Sandbox(dir);
    }

    /** " --dir DIR" when not the default, for commands we print for the user to type next. */
    public String asArgument() {
        return dir.toString().equals(".trib-sandbox") ? "" : " --dir " + dir;
    }
}
