package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;

/**
 * One reply. Replies know their own wire form so the encoder stays a one-liner and shared instances (OK, PONG,
 * small integers) can carry pre-encoded bytes. A connection speaks RESP2 until HELLO 3: the types RESP3 adds (map,
 * set, double, push, verbatim string, its null) write themselves as their RESP2 equivalents there, as redis-server
 * does, so a command builds one reply for both protocols.
 *
 * <p>Replies are encoded synchronously when written on the connection's event loop, so a bulk
 * reply may reference a byte array that the keyspace also holds, as long as the keyspace never
 * mutates arrays it has handed out (see {@code StringValue}).
 */
public sealed interface RespReply
        permits SimpleStringReply, ErrorReply, IntegerReply, BulkReply, NullBulkReply, NullArrayReply,
        ReplySequence, AggregateReply, DoubleReply, VerbatimReply {

    /** The RESP2 form. */
    void writeTo(ByteBuf out);

    /** The form for a connection speaking this protocol version (2 or 3). */
    default void writeTo(ByteBuf out, int protocol) {
        writeTo(out);
    }
}
