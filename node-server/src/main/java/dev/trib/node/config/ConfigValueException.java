package dev.trib.node.config;

/** A directive value that does not parse; the message is Redis's wording for the reason. */
public final class ConfigValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigValueException(String message) {
        super(message, null, false, false);
    }
}
