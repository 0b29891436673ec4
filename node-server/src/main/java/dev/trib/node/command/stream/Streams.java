package dev.trib.node.command.stream;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamNode;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** Lookups, replies and error texts the stream commands share. */
final class Streams {
    static final ErrorReply NO_SUCH_KEY = new ErrorReply("ERR no such key");

    private Streams() {
    }

    static StreamValue get(Keyspace keyspace, Key key) {
        return keyspace.get(key, StreamValue.class);
    }

    static BulkReply id(StreamId id) {
        return new BulkReply(id.bytes());
    }

    /** [id, [field, value, ...]] */
    static RespReply entry(StreamNode.Entry e) {
        byte[][] fv = e.fieldsAndValues();
        List<RespReply> pairs = new ArrayList<>(fv.length);
        for (byte[] b : fv) {
            pairs.add(new BulkReply(b));
        }
        return Replies.array(List.of(id(e.id()), new dev.trib.node.resp.ArrayReply(pairs)));
    }

    static List<RespReply> entries(List<StreamNode.Entry> list) {
        List<RespReply> out = new ArrayList<>(list.size());
        for (StreamNode.Entry e : list) {
            out.add(entry(e));
        }
        return out;
    }

    /** A key or name printed with %s in a Redis error: up to its first NUL. */
    static String c(byte[] arg) {
        return StreamIds.cString(arg);
    }

    static ErrorReply noGroup(byte[] key, byte[] group) {
        return new ErrorReply("NOGROUP No such key '" + c(key) + "' or consumer group '" + c(group) + "'");
    }

    static ErrorReply noGroupForKey(byte[] group, byte[] key) {
        return new ErrorReply("NOGROUP No such consumer group '" + c(group) + "' for key name '" + c(key) + "'");
    }

    /** addReplyHelp: the header line, the lines given, then HELP's own two. */
    static RespReply help(String command, String... lines) {
        List<RespReply> out = new ArrayList<>();
        out.add(new dev.trib.node.resp.SimpleStringReply(command
                + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
        for (String line : lines) {
            out.add(new dev.trib.node.resp.SimpleStringReply(line));
        }
        out.add(new dev.trib.node.resp.SimpleStringReply("HELP"));
        out.add(new dev.trib.node.resp.SimpleStringReply("    Prints this help."));
        return Replies.array(out);
    }
}
