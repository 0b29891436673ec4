package dev.trib.node.command.sort;

import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.StringValue;

/**
 * A BY or GET pattern of SORT: "#" is the element itself; otherwise the first '*' is replaced by the element to name
 * a string key, or a hash field with "key->field". Anything else (no '*', a missing key or field, another type)
 * finds nothing.
 */
final class SortPattern {
    private SortPattern() {
    }

    static byte[] lookup(Keyspace keyspace, byte[] pattern, byte[] element) {
        int len = cLength(pattern);
        if (len == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, len, 0, (byte) '*');
        if (star < 0) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < len; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        boolean field = arrow >= 0 && arrow + 2 < len;
        int fieldLen = field ? pattern.length - arrow - 2 : 0;
        int postfix = pattern.length - (star + 1) - (field ? fieldLen + 2 : 0);
        byte[] key = new byte[star + element.length + postfix];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, postfix);
        RedisValue value = keyspace.get(Key.of(key));
        if (value == null) {
            return null;
        }
        if (field) {
            if (!(value instanceof HashValue hash)) {
                return null;
            }
            byte[] name = new byte[fieldLen];
            System.arraycopy(pattern, arrow + 2, name, 0, fieldLen);
            return hash.get(Key.of(name));
        }
        return value instanceof StringValue s ? s.bytes() : null;
    }

    /** Whether the pattern has a '*' before any NUL, as strchr sees it. */
    static boolean hasStar(byte[] pattern) {
        return indexOf(pattern, cLength(pattern), 0, (byte) '*') >= 0;
    }

    private static int cLength(byte[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                return i;
            }
        }
        return s.length;
    }

    private static int indexOf(byte[] s, int len, int from, byte b) {
        for (int i = from; i < len; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
