package dev.trib.commands.node.resp;

/** An error reply ({@code -ERR ...}, {@code -MOVED ...}): a value, not an exception, so pipelines keep going. */
public record RespError(String message) {
    /** The error code: the first word, e.g. {@code ERR}, {@code BUSYKEY}, {@code WRONGPASS}. */
    public String code() {
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    @Override
    public String toString() {
        return message;
    }
}
