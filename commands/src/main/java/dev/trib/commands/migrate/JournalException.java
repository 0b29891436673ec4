package dev.trib.commands.migrate;

/** A journal or plan file that cannot be used: unreadable, not a journal, or of an unknown version. One line. */
public class JournalException extends RuntimeException {
    public JournalException(String message) {
        super(message);
    }
}
