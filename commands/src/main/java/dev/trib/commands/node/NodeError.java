package dev.trib.commands.node;

import java.util.Locale;

/**
 * An error reply, by what it means to trib. The node's text is kept for messages; deciding on it happens here only,
 * so no caller matches error strings.
 *
 * @param kind    what the error means
 * @param message the node's reply, e.g. {@code BUSYKEY Target key name already exists.}
 */
public record NodeError(Kind kind, String message) {

    public enum Kind {
        /** MIGRATE without REPLACE: the target already holds one of the keys. */
        BUSY_KEY,
        /** MIGRATE could not reach the target, or the target did not answer in time. */
        IO_ERROR,
        /** The slot is served by another node. */
        MOVED,
        /** The slot is being moved: ask the other node. */
        ASK,
        /** The target cannot load the source's DUMP payloads: it runs an older RDB format. */
        PAYLOAD_VERSION,
        /** SETSLOT ... NODE refused: this node still holds keys of the slot. */
        HOLDS_KEYS,
        /** CLUSTER commands on a node started without cluster-enabled. */
        CLUSTER_DISABLED,
        /** CLUSTER FORGET of a node this one does not know (already forgotten). */
        UNKNOWN_NODE,
        /** CONFIG REWRITE on a node started without a config file: the setting holds until a restart. */
        NO_CONFIG_FILE,
        /** Our credentials are missing, wrong or not allowed. */
        AUTH,
        /** Anything else: the text says what. */
        OTHER
    }

    /** Classifies an error reply's text. */
    public static NodeError of(String message) {
        return new NodeError(kindOf(message), message);
    }

    private static Kind kindOf(String m) {
        String code = m.indexOf(' ') < 0 ? m : m.substring(0, m.indexOf(' '));
        switch (code) {
            case "BUSYKEY":
                return Kind.BUSY_KEY;
            case "IOERR":
                return Kind.IO_ERROR;
            case "MOVED":
                return Kind.MOVED;
            case "ASK":
                return Kind.ASK;
            default:
                break;
        }
        if (m.contains("BUSYKEY")) { // some servers wrap it: "ERR Target instance replied with error: BUSYKEY ..."
            return Kind.BUSY_KEY;
        }
        if (m.contains("payload version")) {
            return Kind.PAYLOAD_VERSION;
        }
        if (m.contains("hold keys")) {
            return Kind.HOLDS_KEYS;
        }
        if (m.contains("cluster support disabled")) {
            return Kind.CLUSTER_DISABLED;
        }
        if (m.contains("Unknown node")) {
            return Kind.UNKNOWN_NODE;
        }
        if (m.contains("without a config file")) {
            return Kind.NO_CONFIG_FILE;
        }
        return Failures.isAuthError(m) ? Kind.AUTH : Kind.OTHER;
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** The error code: the reply's first word, upper case ({@code ERR}, {@code BUSYKEY}). */
    public String code() {
        int space = message.indexOf(' ');
        return (space < 0 ? message : message.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return message;
    }
}
