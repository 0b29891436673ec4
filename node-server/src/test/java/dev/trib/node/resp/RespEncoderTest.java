package dev.trib.node.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespEncoderTest {
    private static String encode(RespReply reply) {
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        ch.writeOutbound(reply);
        ByteBuf buf = ch.readOutbound();
        try {
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void encodesEveryReplyShape() {
        assertEquals("+OK\r\n", encode(Replies.OK));
        assertEquals("+PONG\r\n", encode(Replies.PONG));
        assertEquals("-ERR syntax error\r\n", encode(new ErrorReply("ERR syntax error")));
        assertEquals(":0\r\n", encode(Replies.ZERO));
        assertEquals(":-1\r\n", encode(Replies.MINUS_ONE));
        assertEquals(":123456789012\r\n", encode(Replies.integer(123456789012L)));
        assertEquals(":-9223372036854775808\r\n", encode(Replies.integer(Long.MIN_VALUE)));
        assertEquals(":9223372036854775807\r\n", encode(Replies.integer(Long.MAX_VALUE)));
        assertEquals("$3\r\nfoo\r\n", encode(BulkReply.of("foo")));
        assertEquals("$0\r\n\r\n", encode(Replies.EMPTY_BULK));
        assertEquals("$-1\r\n", encode(Replies.NULL_BULK));
        assertEquals("*-1\r\n", encode(Replies.NULL_ARRAY));
        assertEquals("*0\r\n", encode(Replies.EMPTY_ARRAY));
        assertEquals("*2\r\n$1\r\na\r\n*1\r\n:7\r\n",
                encode(new ArrayReply(List.of(BulkReply.of("a"), new ArrayReply(List.of(Replies.integer(7)))))));
        assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", encode(Replies.EMPTY_SCAN));
    }

    @Test
    void smallIntegersAreShared() {
        assertSame(Replies.integer(42), Replies.integer(42));
        assertSame(Replies.ONE, Replies.bool(true));
    }

    @Test
    void errorTextCannotBreakFraming() {
        assertEquals("-ERR a b c\r\n", encode(new ErrorReply("ERR a\rb\nc")));
        assertEquals("-ERR x\r\n", encode(ErrorReply.formatted("\r\nx\n")));
    }

    @Test
    void bulkRepliesAreBinarySafe() {
        byte[] data = {0, (byte) 0xff, '\r', '\n'};
        assertEquals("$4\r\n\0\u00ff\r\n\r\n", encode(new BulkReply(data)));
    }
}
