package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;

/**
 * One RESP2 reply. Replies know their own wire form so the encoder stays a one-liner and
 * shared instances (OK, PONG, small integers) can carry pre-encoded bytes.
 *
 * <p>Replies are encoded synchronously when written on the connection's event loop, so a bulk
 * reply may reference a byte array that the keyspace also holds, as long as the keyspace never
 * mutates arrays it has handed out (see {@code StringValue}).
 */
public sealed interface RespReply
        permits SimpleStringReply, ErrorReply, IntegerReply, BulkReply, NullBulkReply, ArrayReply, NullArrayReply,
        ReplySequence {

    void writeTo(ByteBuf out);
}
