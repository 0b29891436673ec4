package dev.trib.planner.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected slots were read from CLUSTER KEYSLOT of redis-server 7.0.15. */
class KeySlotTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            foo                   | 12182
            bar                   | 5061
            123456789             | 12739
            {user1000}.following  | 3443
            {user1000}.followers  | 3443
            foo{}{bar}            | 8363
            foo{{bar}}zap         | 4015
            {bar                  | 4015
            foo{bar}{zap}         | 5061
            ""                    | 0
            {}                    | 15257
            {                     | 4092
            }                     | 12090
            a{b}                  | 3300
            {b}c                  | 3300
            hello world           | 15332
            über                  | 15496
            {über}x               | 15496
            """)
    void matchesRedisForTextKeys(String key, int slot) {
        assertEquals(slot, KeySlot.of(key));
    }

    @Test
    void crc16OfTheStandardCheckStringIs0x31C3() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x31C3, KeySlot.crc16(check, 0, check.length));
    }

    @Test
    void crc16CoversOnlyTheGivenRange() {
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x31C3, KeySlot.crc16(padded, 2, 11));
    }

    @Test
    void keysOfOneHashTagShareASlot() {
        assertEquals(KeySlot.of("user1000"), KeySlot.of("{user1000}.following"));
        assertEquals(KeySlot.of("user1000"), KeySlot.of("prefix{user1000}"));
    }

    @Test
    void emptyTagHashesTheWholeKeyAndOnlyTheFirstTagCounts() {
        assertEquals(crcSlot("foo{}{bar}"), KeySlot.of("foo{}{bar}"));
        assertEquals(crcSlot("{bar"), KeySlot.of("foo{{bar}}zap"));
        assertEquals(KeySlot.of("bar"), KeySlot.of("foo{bar}{zap}"));
    }

    @Test
    void binaryKeysMatchRedis() {
        assertEquals(7920, KeySlot.of(bytes(0xFF)));
        assertEquals(8761, KeySlot.of(bytes(0x80, 0x81, 0x82)));
        assertEquals(4351, KeySlot.of(bytes('k', 'e', 'y', 0xFE, 0x00, 'x')));
        assertEquals(0, KeySlot.of(bytes(0x00)));
        assertEquals(0, KeySlot.of(bytes('{', 0x00, '}', 'z')));
        assertEquals(6177, KeySlot.of(bytes(0xFF, '{', 0x80, 0x90, '}', 0xFF)));
    }

    @Test
    void hashTagRuleWorksOnUtf8Bytes() {
        // "{é}tail": the tag is the two UTF-8 bytes of é.
        assertEquals(10180, KeySlot.of("{é}tail"));
        assertEquals(KeySlot.of(bytes(0xC3, 0xA9)), KeySlot.of("{é}tail"));
    }

    @Test
    void tableDrivenCrcAgreesWithBitwiseCrcOnRandomKeys() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] key = new byte[random.nextInt(40)];
            random.nextBytes(key);
            assertEquals(bitwiseCrc16(key, 0, key.length), KeySlot.crc16(key, 0, key.length));
        }
    }

    @Test
    void slotsAreAlwaysInRange() {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] key = new byte[1 + random.nextInt(20)];
            random.nextBytes(key);
            int slot = KeySlot.of(key);
            assertEquals(slot, slot & KeySlots.MAX);
        }
    }

    private static int crcSlot(String whole) {
        byte[] b = whole.getBytes(StandardCharsets.UTF_8);
        return bitwiseCrc16(b, 0, b.length) % KeySlots.COUNT;
    }

    /** CRC16-XMODEM one bit at a time, as the reference the table must agree with. */
    private static int bitwiseCrc16(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
