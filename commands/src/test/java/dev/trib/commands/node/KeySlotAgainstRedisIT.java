package dev.trib.commands.node;

import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.Resp;
import dev.trib.planner.topology.KeySlot;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** trib's key-slot hash against the real CLUSTER KEYSLOT for 10,000 random keys, binary bytes and tags included. */
class KeySlotAgainstRedisIT {

    @Test
    void tenThousandRandomKeysHashLikeRedis() throws Exception {
        RedisFixture.assumeAvailable();
        try (RedisNode node = RedisFixture.start("127.0.0.1", true);
             Resp resp = new Resp(node.ip(), node.port(), 5000)) {
            Random random = new Random(20261122);
            for (int i = 0; i < 10_000; i++) {
                byte[] key = randomKey(random);
                Object slot = resp.call("CLUSTER", "KEYSLOT", key);
                assertEquals(((Long) slot).intValue(), KeySlot.of(key), () -> "key bytes " + hex(key));
            }
        }
    }

    /** Plain, tagged, empty-tag, nested-brace and fully binary keys. */
    static byte[] randomKey(Random r) {
        int kind = r.nextInt(5);
        byte[] body = new byte[1 + r.nextInt(24)];
        r.nextBytes(body);
        if (kind == 0) {
            return body;
        }
        String ascii = Long.toString(r.nextLong(), 36);
        String s = switch (kind) {
            case 1 -> "user:{" + ascii + "}:profile";
            case 2 -> "{}" + ascii;
            case 3 -> "a{{" + ascii + "}}b";
            default -> ascii + "{" + ascii.substring(0, 1 + r.nextInt(ascii.length() - 1)) + "}{x}";
        };
        byte[] prefix = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + (r.nextBoolean() ? body.length : 0)];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        if (out.length > prefix.length) {
            System.arraycopy(body, 0, out, prefix.length, body.length);
        }
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
