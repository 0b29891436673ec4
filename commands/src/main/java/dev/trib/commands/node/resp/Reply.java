package dev.trib.commands.node.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One RESP2 reply, as a value: what {@link RespConnection} reads. Only node access and {@code trib call}'s renderer
 * look at replies; every other caller gets a typed answer per protocol step.
 */
public sealed interface Reply {

    /** The error reply's text when this is one ({@code ERR ...}, {@code MOVED ...}). */
    default Optional<String> errorMessage() {
        return Optional.empty();
    }

    /** {@code +OK}: a status line. */
    record Simple(String text) implements Reply {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code -ERR ...}: a value, not an exception, so a pipeline keeps going past it. */
    record Error(String message) implements Reply {
        /** The error code: the first word, e.g. {@code ERR}, {@code BUSYKEY}, {@code WRONGPASS}. */
        public String code() {
            int space = message.indexOf(' ');
            return space < 0 ? message : message.substring(0, space);
        }

        @Override
        public Optional<String> errorMessage() {
            return Optional.of(message);
        }

        @Override
        public String toString() {
            return message;
        }
    }

    /** {@code :42}. */
    record Int(long value) implements Reply {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** {@code $5 hello}: binary-safe bytes (keys, values, INFO text). */
    record Bulk(byte[] data) implements Reply {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** {@code *n ...}: nested replies. */
    record Array(List<Reply> items) implements Reply {
        public Array {
            items = List.copyOf(items);
        }
    }

    /** {@code $-1} or {@code *-1}: no value. */
    record Nil() implements Reply {
        @Override
        public String toString() {
            return "(nil)";
        }
    }

    Nil NIL = new Nil();
    Simple OK = new Simple("OK");
}
