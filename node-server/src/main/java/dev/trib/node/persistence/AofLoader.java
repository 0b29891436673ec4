package dev.trib.node.persistence;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.log.ServerLog;
import dev.trib.planner.rdb.RdbFormatException;
import dev.trib.node.rdb.RdbSnapshot;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespCommand;
import dev.trib.node.resp.RespLimits;
import dev.trib.node.resp.RespProtocolError;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.RespRequestReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Replays the files a manifest names: the base as an RDB snapshot, then the incremental files'
 * commands through the dispatcher, as a session that is never redirected or refused (like the link
 * from a master) — the caller makes sure nothing is listening to the stream yet, so the replay is
 * not appended again. A last command cut short by a crash is dropped and the file truncated before
 * it (aof-load-truncated yes), so that appending can continue after the last whole command.
 */
final class AofLoader {
    private final CommandDispatcher dispatcher;
    private final Keyspace keyspace;
    private final ServerLog log;
    private final boolean loadTruncated;
    private final ClientSession session = new ClientSession();
    private long commands;

    AofLoader(CommandDispatcher dispatcher, Keyspace keyspace, ServerLog log, boolean loadTruncated) {
        this.dispatcher = dispatcher;
        this.keyspace = keyspace;
        this.log = log;
        this.loadTruncated = loadTruncated;
        session.replicationMaster(true);
    }

    /** @throws IllegalStateException when a file is missing or malformed (the node must not start) */
    void load(Path dir, AofManifest manifest) {
        List<AofManifest.Entry> files = manifest.loadOrder();
        for (int i = 0; i < files.size(); i++) {
            AofManifest.Entry e = files.get(i);
            Path file = dir.resolve(e.name());
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException ex) {
                throw new IllegalStateException("Can't open the append-only file " + file + ": " + ex, ex);
            }
            if (bytes.length == 0) {
                continue;
            }
            if (startsWith(bytes, "REDIS")) {
                loadRdb(file, bytes);
            } else {
                replay(file, bytes, i == files.size() - 1);
            }
            log.notice("DONE loading AOF file " + e.name() + " (" + commands + " commands so far)");
        }
    }

    private void loadRdb(Path file, byte[] bytes) {
        try {
            RdbSnapshot.Loaded loaded = RdbSnapshot.load(bytes, keyspace);
            log.notice("Reading RDB base file on AOF loading... keys loaded: " + loaded.keys());
        } catch (RdbFormatException e) {
            throw new IllegalStateException("Bad file format reading the append only file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private void replay(Path file, byte[] bytes, boolean last) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        RespRequestReader requests = new RespRequestReader(RespLimits.defaults());
        int start = 0;
        while (true) {
            Object request = requests.next(in);
            if (request == null) {
                if (in.isReadable() || requests.midRequest()) {
                    truncated(file, start, last);
                }
                return;
            }
            if (request instanceof RespProtocolError error) {
                throw new IllegalStateException("Bad file format reading the append only file " + file
                        + " at offset " + start + ": " + error.detail());
            }
            execute(file, ((RespCommand) request).args());
            start = in.readerIndex();
        }
    }

    private void execute(Path file, List<byte[]> argv) {
        String name = new String(argv.get(0), StandardCharsets.ISO_8859_1);
        // Transactions and replication chatter are framing, not data: their commands are replayed one by one.
        if (name.equalsIgnoreCase("multi") || name.equalsIgnoreCase("exec") || name.equalsIgnoreCase("replconf")) {
            return;
        }
        RespReply reply = dispatcher.dispatch(argv, session);
        if (reply instanceof ErrorReply error && error.message().startsWith("ERR unknown command")) {
            throw new IllegalStateException("Unknown command '" + name + "' reading the append only file " + file);
        }
        commands++;
    }

    private void truncated(Path file, int validLength, boolean last) {
        if (!last || !loadTruncated) {
            throw new IllegalStateException("Unexpected end of file reading the append only file " + file
                    + ". You can set the 'aof-load-truncated' configuration option to yes and restart the server.");
        }
        log.warning("!!! Warning: short read while loading the AOF file " + file.getFileName() + "!!!");
        log.warning("!!! Truncating the AOF at offset " + validLength + " !!!");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(validLength);
            ch.force(true);
        } catch (IOException e) {
            throw new IllegalStateException("Error truncating the AOF file " + file + ": " + e, e);
        }
        log.warning("AOF loaded anyway because aof-load-truncated is enabled");
    }

    long commands() {
        return commands;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
