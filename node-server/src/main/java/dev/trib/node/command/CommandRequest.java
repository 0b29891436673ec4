package dev.trib.node.command;

import dev.trib.node.keyspace.Key;
import dev.trib.node.resp.IntegerReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CText;
import java.util.List;

/** The arguments of one command call (index 0 is the command name) and the caller's session. */
public record CommandRequest(List<byte[]> args, ClientSession session, Propagation propagation) {

    public CommandRequest(List<byte[]> args, ClientSession session) {
        this(args, session, new Propagation());
    }

    public int argc() {
        return args.size();
    }

    public byte[] arg(int index) {
        return args.get(index);
    }

    public Key key(int index) {
        return Key.of(args.get(index));
    }

    /**
     * The integer reply of a write that changed {@code count} things. One that changed nothing is not a write, as in
     * Redis: nothing is propagated and no WATCHed key counts as changed.
     */
    public IntegerReply changes(long count) {
        return count == 0 ? unchanged(Replies.ZERO) : Replies.integer(count);
    }

    /** The reply of a write that changed nothing: as Redis, it is not propagated and disturbs no WATCH. */
    public <R extends RespReply> R unchanged(R reply) {
        propagation.suppress();
        return reply;
    }

    /** Case-insensitive match of an option keyword, with C-string semantics like strcasecmp. */
    public boolean argIs(int index, String lowerCaseWord) {
        return CText.equalsIgnoreCase(args.get(index), lowerCaseWord);
    }
}
