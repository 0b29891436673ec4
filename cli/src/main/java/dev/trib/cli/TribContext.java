package dev.trib.cli;

import dev.trib.cli.prompt.Prompter;

/** What commands need from the outside world besides their options: the environment and a way to ask. */
public record TribContext(Environment environment, Prompter prompter, boolean stdoutIsTerminal) {
}
