package dev.trib.node.command;

import dev.trib.node.keyspace.Watches;

/** Per-connection state that commands may read or change. */
public final class ClientSession {
    private final long id;
    private final String address;
    private final String localAddress;
    private final long createdAtMillis;
    private long lastInteractionMillis;
    private int db;
    private boolean closeAfterReply;
    private boolean closeWithoutReply;
    private boolean authenticated;
    private boolean asking;
    private boolean readOnly;
    private String name = "";
    private String libName = "";
    private String libVersion = "";
    /** The last command's name as sent; lower-cased only when CLIENT LIST asks (a String per command cost 7% of allocation). */
    private byte[] lastCommand;
    private io.netty.channel.Channel channel;
    private boolean replicationMaster;
    private int replicaListeningPort;
    private String user = "default";
    private boolean subscribed;
    private int protocol = 2;

    /** A session for tests and embedded use: id 0, no addresses, already authenticated. */
    // misc21: CLIENT REPLY. OFF mutes every reply; SKIP mutes the next command's only.
    private boolean repliesOff;
    private boolean skipNext;
    private boolean skipThis;
    private boolean muteCurrent;

    /** CLIENT REPLY ON|OFF|SKIP: "on", "off" or "skip". */
    public void replyMode(String mode) {
        switch (mode) {
            case "on" -> {
                repliesOff = false;
                skipNext = false;
            }
            case "off" -> {
                repliesOff = true;
                muteCurrent = true;
            }
            default -> {
                skipNext = !repliesOff;
                muteCurrent = true; // CLIENT REPLY SKIP is not answered either
            }
        }
    }

    /** Whether the reply to the command now running is not sent (pushes are sent regardless). */
    public boolean repliesMuted() {
        return repliesOff || skipThis || muteCurrent;
    }

    /** After each command, as Redis's resetClient: a SKIP just given mutes the next command. */
    public void commandDone() {
        skipThis = skipNext;
        skipNext = false;
        muteCurrent = false;
    }

    public ClientSession() {
        this(0, "", "", System.currentTimeMillis());
        authenticated = true;
    }

    public ClientSession(long id, String address, String localAddress, long createdAtMillis) {
        this.id = id;
        this.address = address;
        this.localAddress = localAddress;
        this.createdAtMillis = createdAtMillis;
        this.lastInteractionMillis = createdAtMillis;
    }

    public long id() {
        return id;
    }

    /** Whether the peer is on this host (loopback, or an in-process caller): enable-*-command "local". */
    public boolean fromLoopback() {
        return address == null || address.isEmpty() || address.startsWith("127.") || address.startsWith("[::1]");
    }

    /** ip:port of the peer. */
    public String address() {
        return address;
    }

    /** ip:port of our side of the connection. */
    public String localAddress() {
        return localAddress;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    public void touch(long nowMillis, byte[] commandName) {
        lastInteractionMillis = nowMillis;
        lastCommand = commandName;
    }

    public String lastCommand() {
        String lower = lastCommand == null ? null : CommandTable.lowerName(lastCommand);
        return lower == null ? "NULL" : lower;
    }

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

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(boolean value) {
        authenticated = value;
    }

    /** Set by ASKING; cleared after the next command (cluster redirection). */
    public boolean asking() {
        return asking;
    }

    public void asking(boolean value) {
        asking = value;
    }

    /** READONLY: this client accepts reads served by a replica. */
    public boolean readOnly() {
        return readOnly;
    }

    public void readOnly(boolean value) {
        readOnly = value;
    }

    /** The ACL user this connection runs as (AUTH / HELLO AUTH change it). */
    public String user() {
        return user;
    }

    public void user(String value) {
        user = value;
    }

    public String name() {
        return name;
    }

    public void name(String value) {
        name = value;
    }

    public String libName() {
        return libName;
    }

    public void libName(String value) {
        libName = value;
    }

    public String libVersion() {
        return libVersion;
    }

    public void libVersion(String value) {
        libVersion = value;
    }

    /** The connection, for commands that take it over (PSYNC turns it into a replication link). */
    /** True while the client holds any pub/sub subscription (Redis's CLIENT_PUBSUB). */
    public boolean subscribed() {
        return subscribed;
    }

    public void subscribed(boolean value) {
        subscribed = value;
    }

    /** The RESP version this client speaks: 2 until HELLO 3. */
    public int protocol() {
        return protocol;
    }

    /** Switches the protocol of the replies written from now on, this command's own included. */
    public void protocol(int value) {
        protocol = value;
        if (channel != null) {
            channel.attr(dev.trib.node.resp.RespEncoder.PROTOCOL).set(value);
        }
    }

    /** A message for a subscriber, written out now, between its replies. */
    public void push(dev.trib.node.resp.RespReply message) {
        if (channel != null) {
            channel.writeAndFlush(message, channel.voidPromise());
        }
    }

    public io.netty.channel.Channel channel() {
        return channel;
    }

    public void channel(io.netty.channel.Channel value) {
        channel = value;
    }

    /** Whether this session is the link to this replica's master (its commands are never redirected). */
    public boolean replicationMaster() {
        return replicationMaster;
    }

    public void replicationMaster(boolean value) {
        replicationMaster = value;
    }

    /** REPLCONF listening-port of a replica on this connection, or 0. */
    public int replicaListeningPort() {
        return replicaListeningPort;
    }

    public void replicaListeningPort(int value) {
        replicaListeningPort = value;
    }

    private boolean blocked;
    private BlockedCall blockedCall;
    private java.util.function.Consumer<dev.trib.node.resp.RespReply> onResume = r -> { };

    /** Whether a command of this session is waiting (WAIT, a write held by a pause): no reply yet. */
    public boolean blocked() {
        return blocked;
    }

    /** Called by a command that answers later through {@link #resume}. */
    public void block() {
        blocked = true;
    }

    /** Like {@link #block()}, for a wait that can also be ended early (CLIENT UNBLOCK, a redirection). */
    public void block(BlockedCall call) {
        blocked = true;
        blockedCall = call;
    }

    /** The wait this client is in, when it can be ended early; null otherwise. */
    public BlockedCall blockedCall() {
        return blocked ? blockedCall : null;
    }

    /** Ends the block: sends the reply (none when null) and runs the commands that queued up meanwhile. */
    public void resume(dev.trib.node.resp.RespReply reply) {
        blocked = false;
        blockedCall = null;
        onResume.accept(reply);
    }

    public void onResume(java.util.function.Consumer<dev.trib.node.resp.RespReply> action) {
        onResume = action;
    }

    private boolean replica;

    /** Whether this connection is a replica's stream (PSYNC/SYNC was accepted on it). */
    public boolean replicaOf() {
        return replica;
    }

    public void replicaOf(boolean value) {
        replica = value;
    }

    private Transaction transaction;
    private Watches.Watcher watcher;
    private boolean inExec;

    /** The open MULTI, or null. */
    public Transaction transaction() {
        return transaction;
    }

    /** MULTI: commands are queued from now on. */
    public void beginTransaction() {
        transaction = new Transaction();
    }

    /** EXEC or DISCARD ended the transaction: nothing queued, no key watched (Redis's discardTransaction). */
    public void endTransaction() {
        transaction = null;
        if (watcher != null) {
            watcher.reset();
        }
    }

    /** This client's watched keys, made on first use. */
    public Watches.Watcher watcher(Watches watches) {
        if (watcher == null) {
            watcher = watches.watcher();
        }
        return watcher;
    }

    /** Whether a WATCHed key changed since it was watched (false when nothing is watched). */
    public boolean watchedKeyChanged() {
        return watcher != null && watcher.changed();
    }

    /** UNWATCH, and what a closed connection does. */
    public void unwatchAll() {
        if (watcher != null) {
            watcher.reset();
        }
    }

    /** Whether EXEC is running this client's queued commands (they may not block, as in Redis). */
    public boolean inExec() {
        return inExec;
    }

    public void inExec(boolean value) {
        inExec = value;
    }
}
