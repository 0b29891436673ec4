package dev.trib.node.resp;

import static dev.trib.node.support.Resp.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RespDecoderTest {
    private static final String PIPELINE =
            "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nva\r\nl\r\n"
            + "PING\r\n"
            + "*0\r\n"
            + "\r\n"
            + "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"
            + "  set  \"a b\"  'c\\'d'  \"\\x41\\n\"\n"
            + "*-1\r\n"
            + "*1\r\n$4\r\nPING\r\n";

    private static final List<String> EXPECTED = List.of(
            "SET|key|va\r\nl", "PING", "ECHO|", "set|a b|c'd|A\n", "PING");

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new RespDecoder(RespLimits.defaults()));
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            out.add(msg);
        }
        return out;
    }

    private static String render(Object msg) {
        if (msg instanceof RespProtocolError e) {
            return "ERROR:" + e.detail();
        }
        List<String> parts = new ArrayList<>();
        for (byte[] arg : ((RespCommand) msg).args()) {
            parts.add(new String(arg, StandardCharsets.ISO_8859_1));
        }
        return String.join("|", parts);
    }

    private static List<String> decodeInChunks(byte[] input, int[] chunkSizes) {
        EmbeddedChannel ch = channel();
        List<String> out = new ArrayList<>();
        int pos = 0;
        int i = 0;
        while (pos < input.length) {
            int n = Math.min(chunkSizes[i++ % chunkSizes.length], input.length - pos);
            ch.writeInbound(Unpooled.wrappedBuffer(input, pos, n));
            pos += n;
            drain(ch).forEach(m -> out.add(render(m)));
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void decodesAPipelineDeliveredAtOnce() {
        assertEquals(EXPECTED, decodeInChunks(latin1(PIPELINE), new int[] {Integer.MAX_VALUE}));
    }

    @Test
    void decodesAPipelineDeliveredOneByteAtATime() {
        assertEquals(EXPECTED, decodeInChunks(latin1(PIPELINE), new int[] {1}));
    }

    @Test
    void decodesAPipelineDeliveredInRandomChunks() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int[] sizes = random.ints(16, 1, 12).toArray();
            assertEquals(EXPECTED, decodeInChunks(latin1(PIPELINE), sizes), "chunks " + java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void leavesPartialFramesUnconsumedUntilComplete() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(latin1("*2\r\n$4\r\nECHO\r\n$5\r\nhel")));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(latin1("lo\r")));
        assertNull(ch.readInbound(), "the bulk's CRLF has not fully arrived");
        ch.writeInbound(Unpooled.wrappedBuffer(latin1("\n")));
        assertEquals("ECHO|hello", render(ch.readInbound()));
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "*2000000000\\r\\n; invalid multibulk length",
        "*1048577\\r\\n; invalid multibulk length",
        "*abc\\r\\n; invalid multibulk length",
        "*\\r\\n; invalid multibulk length",
        "*+1\\r\\n; invalid multibulk length",
        "*01\\r\\n; invalid multibulk length",
        "*123456789012345678901\\r\\n; invalid multibulk length",
        "*1\\r\\n$-5\\r\\n; invalid bulk length",
        "*1\\r\\n$536870913\\r\\n; invalid bulk length",
        "*1\\r\\n$99999999999999999999\\r\\n; invalid bulk length",
        "*1\\r\\n$\\r\\n; invalid bulk length",
        "*1\\r\\nx3\\r\\n; expected '$', got 'x'",
        "*1\\r\\n:3\\r\\n; expected '$', got ':'",
        "SET \"a b\\r\\n; unbalanced quotes in request",
        "SET 'a'b\\r\\n; unbalanced quotes in request",
    })
    void rejectsMalformedInputWithRedisErrorText(String input, String detail) {
        byte[] bytes = latin1(input.replace("\\r", "\r").replace("\\n", "\n"));
        for (int[] chunks : new int[][] {{Integer.MAX_VALUE}, {1}}) {
            List<String> out = decodeInChunks(bytes, chunks);
            assertEquals(List.of("ERROR:" + detail), out);
        }
    }

    @Test
    void commandsBeforeAnErrorAreStillDelivered() {
        List<String> out = decodeInChunks(latin1("PING\r\n*1\r\n$-1\r\nPING\r\n"), new int[] {3});
        assertEquals(List.of("PING", "ERROR:invalid bulk length"), out);
    }

    @Test
    void emptyMultibulkLineWithOnlyACarriageReturnIsAnExpectedDollarError() {
        List<String> out = decodeInChunks(latin1("*1\r\n\r\n"), new int[] {Integer.MAX_VALUE});
        assertEquals(List.of("ERROR:expected '$', got '\r'"), out);
        assertEquals("-ERR Protocol error: expected '$', got ' '\r\n",
                dev.trib.node.support.Resp.wire(new RespProtocolError("expected '$', got '\r'").toReply()));
    }

    @Test
    void tooLongInlineRequestIsRejected() {
        byte[] line = new byte[70_000];
        java.util.Arrays.fill(line, (byte) 'a');
        List<String> out = decodeInChunks(line, new int[] {4096});
        assertEquals(List.of("ERROR:too big inline request"), out);
    }

    @Test
    void tooLongHeaderLinesAreRejected() {
        byte[] digits = new byte[70_000];
        java.util.Arrays.fill(digits, (byte) '1');
        digits[0] = '*';
        assertEquals(List.of("ERROR:too big mbulk count string"), decodeInChunks(digits, new int[] {8192}));
        byte[] bulk = new byte[70_000];
        java.util.Arrays.fill(bulk, (byte) '1');
        System.arraycopy(latin1("*1\r\n$"), 0, bulk, 0, 5);
        assertEquals(List.of("ERROR:too big bulk count string"), decodeInChunks(bulk, new int[] {8192}));
    }

    @Test
    void aNulByteHidesTheLineEndLikeStrchrDoes() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(latin1("PI\0NG\r\n")));
        assertNull(ch.readInbound(), "Redis keeps waiting: strchr stops at the NUL");
        ch.finishAndReleaseAll();
    }

    @Test
    void hugeDeclaredLengthsWaitWithoutAllocating() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        EmbeddedChannel ch = channel();
        long before = threads.getThreadAllocatedBytes(tid);
        ch.writeInbound(Unpooled.wrappedBuffer(latin1("*1048576\r\n$536870912\r\nabc")));
        for (int i = 0; i < 100; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(latin1("abcdefgh")));
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertNull(ch.readInbound());
        assertTrue(allocated < 4 * 1024 * 1024, "allocated " + allocated + " bytes");
        ch.finishAndReleaseAll();
    }

    @Test
    void randomBytesNeverThrowOrHang() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] input = new byte[random.nextInt(300)];
            random.nextBytes(input);
            if (random.nextBoolean() && input.length > 0) {
                input[0] = '*';
            }
            EmbeddedChannel ch = channel();
            int pos = 0;
            int errors = 0;
            while (pos < input.length) {
                int n = Math.min(1 + random.nextInt(20), input.length - pos);
                ch.writeInbound(Unpooled.wrappedBuffer(input, pos, n));
                pos += n;
                for (Object msg : drain(ch)) {
                    if (msg instanceof RespProtocolError) {
                        errors++;
                    } else {
                        assertInstanceOf(RespCommand.class, msg);
                    }
                }
            }
            assertTrue(errors <= 1, "at most one protocol error per connection");
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void structuredRandomRequestsRoundTrip() {
        Random random = new Random(99);
        for (int round = 0; round < 300; round++) {
            List<List<byte[]>> commands = new ArrayList<>();
            java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
            for (int c = 0; c < 1 + random.nextInt(5); c++) {
                List<byte[]> args = new ArrayList<>();
                int n = 1 + random.nextInt(4);
                wire.writeBytes(latin1("*" + n + "\r\n"));
                for (int a = 0; a < n; a++) {
                    byte[] arg = new byte[random.nextInt(40)];
                    random.nextBytes(arg);
                    args.add(arg);
                    wire.writeBytes(latin1("$" + arg.length + "\r\n"));
                    wire.writeBytes(arg);
                    wire.writeBytes(latin1("\r\n"));
                }
                commands.add(args);
            }
            EmbeddedChannel ch = channel();
            byte[] bytes = wire.toByteArray();
            int pos = 0;
            List<Object> got = new ArrayList<>();
            while (pos < bytes.length) {
                int n = Math.min(1 + random.nextInt(30), bytes.length - pos);
                ch.writeInbound(Unpooled.wrappedBuffer(bytes, pos, n));
                pos += n;
                got.addAll(drain(ch));
            }
            assertEquals(commands.size(), got.size());
            for (int i = 0; i < commands.size(); i++) {
                List<byte[]> expected = commands.get(i);
                List<byte[]> actual = ((RespCommand) got.get(i)).args();
                assertEquals(expected.size(), actual.size());
                for (int a = 0; a < expected.size(); a++) {
                    assertTrue(java.util.Arrays.equals(expected.get(a), actual.get(a)));
                }
            }
            ch.finishAndReleaseAll();
        }
    }
}
