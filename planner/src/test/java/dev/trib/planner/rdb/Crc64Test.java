package dev.trib.planner.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc64Test {
    @Test
    void redisCheckValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.of(b, 0, b.length));
    }

    @Test
    void updatingInPiecesEqualsOneShot() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Crc64.of(b, 0, b.length), Crc64.update(Crc64.of(b, 0, 4), b, 4, 5));
        assertEquals(0, Crc64.of(b, 0, 0));
    }
}
