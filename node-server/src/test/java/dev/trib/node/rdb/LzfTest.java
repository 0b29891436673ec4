package dev.trib.node.rdb;

import dev.trib.planner.rdb.Lzf;
import dev.trib.planner.rdb.RdbFormatException;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LzfTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void roundTrip(byte[] data) {
        byte[] c = LzfCompressor.compress(data);
        assertArrayEquals(data, Lzf.decompress(c, data.length), "length " + data.length);
    }

    @Test
    void roundTripsShortLongRepetitiveAndRandomInput() {
        Random random = new Random(7);
        roundTrip(new byte[0]);
        roundTrip(new byte[] {1});
        roundTrip(new byte[] {1, 2});
        roundTrip("aaa".getBytes(StandardCharsets.US_ASCII));
        roundTrip("x".repeat(10_000).getBytes(StandardCharsets.US_ASCII)); // runs longer than one reference
        roundTrip("compressible ".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        for (int n : new int[] {3, 31, 32, 33, 100, 8191, 8192, 8193, 70_000}) {
            byte[] noise = new byte[n];
            random.nextBytes(noise);
            roundTrip(noise);
            // Repeats at offsets around the 8 KB reach of a back reference.
            byte[] far = new byte[n * 2 + 17];
            System.arraycopy(noise, 0, far, 0, n);
            System.arraycopy(noise, 0, far, n + 17, n);
            roundTrip(far);
        }
        for (int i = 0; i < 2000; i++) {
            byte[] small = new byte[random.nextInt(300)];
            for (int k = 0; k < small.length; k++) {
                small[k] = (byte) random.nextInt(3); // tiny alphabet: many short matches
            }
            roundTrip(small);
        }
    }

    @Test
    void compressesRepetitiveText() {
        byte[] text = "compressible ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        assertTrue(LzfCompressor.compress(text).length < text.length / 20);
    }

    @Test
    void decodesRedisServerOutput() {
        // redis-server 7.0's DUMP of SET k "ab"*30: compressed bytes after 0xC3 <clen 10> <len 60>.
        byte[] c = HexFormat.of().parseHex("02616261e02e01016162");
        assertArrayEquals("ab".repeat(30).getBytes(StandardCharsets.US_ASCII), Lzf.decompress(c, 60));
    }

    @Test
    void compressesAsRedisServerDoes() {
        // What redis-server 7.0.15 puts after 0xC3 <compressed length> <length> in DUMP payloads of these strings.
        assertEquals("017878e00a00", HexFormat.of().formatHex(LzfCompressor.compress(bytes("x".repeat(21)), 17)));
        assertEquals("02616261e02e01016162", HexFormat.of().formatHex(LzfCompressor.compress(bytes("ab".repeat(30)), 56)));
    }

    @Test
    void givesUpWhenTheOutputWouldNotFit() {
        byte[] noise = new byte[100];
        new Random(9).nextBytes(noise);
        assertNull(LzfCompressor.compress(noise, noise.length - 4));
        assertNull(LzfCompressor.compress(bytes("ab".repeat(30)), 9));
        assertNotNull(LzfCompressor.compress(bytes("ab".repeat(30)), 13));
    }

    @Test
    void malformedStreamsAreFormatErrors() {
        byte[][] bad = {
            {0x20, 0x00},             // back reference with no output yet
            {0x05, 'a', 'b'},         // literal run past the end of the input
            {0x00, 'a', (byte) 0xe0}, // long reference missing its length and offset bytes
        };
        for (byte[] b : bad) {
            assertThrows(RdbFormatException.class, () -> Lzf.decompress(b, 10));
        }
        byte[] ok = LzfCompressor.compress("hello hello hello hello".getBytes(StandardCharsets.US_ASCII));
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(ok, 22), "declared length too short");
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(ok, 24), "declared length too long");
    }
}
