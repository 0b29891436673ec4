package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * Several top-level replies to one command, written back to back: SUBSCRIBE and its kin answer once per channel.
 */
public record ReplySequence(List<RespReply> replies) implements RespReply {
    public ReplySequence {
        replies = List.copyOf(replies);
    }

    @Override
    public void writeTo(ByteBuf out) {
        writeTo(out, 2);
    }

    @Override
    public void writeTo(ByteBuf out, int protocol) {
        for (RespReply r : replies) {
            r.writeTo(out, protocol);
        }
    }
}
