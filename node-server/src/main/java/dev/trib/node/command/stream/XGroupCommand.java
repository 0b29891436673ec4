package dev.trib.node.command.stream;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n], SETID key group id|$ [ENTRIESREAD n], DESTROY key group,
 * CREATECONSUMER key group consumer and DELCONSUMER key group consumer. They share Redis's preamble, which fixes the
 * order of the errors: options first, then the key's type, then the key's and the group's existence.
 */
public record XGroupCommand(Keyspace keyspace, Op op) implements Command {
    /** The subcommand. */
    public enum Op { CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER }

    private static final ErrorReply NEEDS_KEY = new ErrorReply("ERR The XGROUP subcommand requires the key to exist."
            + " Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.");

    @Override
    public RespReply execute(CommandRequest request) {
        int argc = request.argc();
        boolean mkStream = false;
        long entriesRead = StreamGroup.UNKNOWN_ENTRIES_READ;
        for (int i = 5; i < argc;) {
            if (op == Op.CREATE && request.argIs(i, "mkstream")) {
                mkStream = true;
                i++;
            } else if ((op == Op.CREATE || op == Op.SETID) && request.argIs(i, "entriesread") && i + 1 < argc) {
                entriesRead = Args.toLong(request.arg(i + 1));
                if (entriesRead < 0 && entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ) {
                    return new ErrorReply("ERR value for ENTRIESREAD must be positive or -1");
                }
                i += 2;
            } else {
                return Errors.subcommandSyntax(request.args());
            }
        }
        Key key = request.key(2);
        StreamValue stream = Streams.get(keyspace, key);
        Key groupName = request.key(3);
        StreamGroup group = null;
        if (!mkStream) {
            if (stream == null) {
                return NEEDS_KEY;
            }
            group = stream.group(groupName);
            if (group == null && op != Op.CREATE && op != Op.DESTROY) {
                return Streams.noGroupForKey(request.arg(3), request.arg(2));
            }
        }
        return switch (op) {
            case CREATE -> create(request, key, stream, groupName, entriesRead);
            case SETID -> setId(request, stream, group, entriesRead);
            case DESTROY -> destroy(request, key, stream, group, groupName);
            case CREATECONSUMER -> group.createConsumer(request.key(4), keyspace.now()) != null ? Replies.ONE
                    : request.unchanged(Replies.ZERO);
            case DELCONSUMER -> {
                StreamGroup.Consumer c = group.consumer(request.key(4), 0, false);
                yield c == null ? request.unchanged(Replies.ZERO) : Replies.integer(group.deleteConsumer(c));
            }
        };
    }

    private RespReply create(CommandRequest request, Key key, StreamValue stream, Key groupName, long entriesRead) {
        int argc = request.argc();
        if (argc < 5 || argc > 8) {
            return Errors.subcommandSyntax(request.args());
        }
        StreamId id = StreamIds.cString(request.arg(4)).equals("$")
                ? (stream == null ? StreamId.MIN : stream.lastId) : StreamIds.parseStrict(request.arg(4));
        if (stream == null) {
            stream = new StreamValue();
            keyspace.add(key, stream);
        }
        if (stream.createGroup(groupName, id, entriesRead) == null) {
            return new ErrorReply("BUSYGROUP Consumer Group name already exists");
        }
        return Replies.OK;
    }

    private RespReply setId(CommandRequest request, StreamValue stream, StreamGroup group, long entriesRead) {
        if (request.argc() != 5 && request.argc() != 7) {
            return Errors.subcommandSyntax(request.args());
        }
        StreamId id = StreamIds.cString(request.arg(4)).equals("$") ? stream.lastId
                : StreamIds.parse(request.arg(4), 0);
        group.lastId = id;
        group.entriesRead = entriesRead;
        return Replies.OK;
    }

    private RespReply destroy(CommandRequest request, Key key, StreamValue stream, StreamGroup group, Key name) {
        if (group == null) {
            return request.unchanged(Replies.ZERO);
        }
        stream.groups().remove(name);
        keyspace.signalReady(key); // its blocked readers get -NOGROUP
        return Replies.ONE;
    }
}
