package dev.trib.node.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the replies that differ between redis-server and the node in a differential test, and fails once at the
 * end listing all of them (escaped, so control bytes show).
 */
public final class ReplyDiff {
    private final List<String> mismatches = new ArrayList<>();
    private int compared;

    /** Records one exchange: what was sent, redis-server's reply and the node's. */
    public void compare(String sent, String expected, String actual) {
        compared++;
        if (!expected.equals(actual)) {
            mismatches.add(sent + "\n   redis: " + printable(expected) + "\n   node:  " + printable(actual));
        }
    }

    public void assertNone() {
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + compared + " replies differ:\n" + String.join("\n", mismatches));
        }
    }

    public static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
