package dev.trib.cli.prompt;

/**
 * One answer tab completion offers: the value completed, another spelling that completes too (a node's address
 * for its ID; may be null), and what the list shows beside it.
 */
public record Choice(String value, String alias, String description) {
}
