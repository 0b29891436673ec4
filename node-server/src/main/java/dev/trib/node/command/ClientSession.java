package dev.trib.node.command;

/** Per-connection state that commands may read or change. */
public final class ClientSession {
    private int db;
    private boolean closeAfterReply;
    private boolean closeWithoutReply;

    public int db() {
        return db;
    }

    public void selectDb(int db) {
        this.db = db;
    }

    /** Answer the current command, then close (QUIT). */
    public void closeAfterReply() {
        closeAfterReply = true;
    }

    public boolean shouldCloseAfterReply() {
        return closeAfterReply;
    }

    /** Drop the connection without answering (what Redis does to HTTP requests). */
    public void closeWithoutReply() {
        closeWithoutReply = true;
    }

    public boolean shouldCloseWithoutReply() {
        return closeWithoutReply;
    }
}
