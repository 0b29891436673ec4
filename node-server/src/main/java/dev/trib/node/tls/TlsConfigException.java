package dev.trib.node.tls;

/** A tls-* directive that cannot be used; the message names the directive, the file and the cause. */
public final class TlsConfigException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message) {
        super(message);
    }
}
