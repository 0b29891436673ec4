package dev.trib.node.text;

/**
 * Glob-style matching with the rules of Redis's {@code stringmatchlen} (KEYS, SCAN MATCH):
 * {@code *}, {@code ?}, {@code [abc]}, {@code [^abc]}, {@code [a-z]} (reversed ranges allowed),
 * and backslash escapes. Bytes compare as signed chars, as on x86 Redis builds. Once the rest of a
 * pattern after a {@code *} failed at every position, earlier stars give up too, which keeps
 * patterns like {@code a*a*a*a*b} linear instead of exponential.
 */
public final class Glob {
    private final byte[] pattern;
    private boolean giveUp;

    private Glob(byte[] pattern) {
        this.pattern = pattern;
    }

    public static boolean matches(byte[] pattern, byte[] string) {
        return new Glob(pattern).match(0, pattern.length, string, 0, string.length);
    }

    /** True for the pattern "*", which every caller treats as "no filter". */
    public static boolean matchesEverything(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    private boolean match(int p, int plen, byte[] s, int si, int slen) {
        while (plen > 0 && slen > 0) {
            switch (pattern[p]) {
                case '*' -> {
                    while (plen > 1 && pattern[p + 1] == '*') {
                        p++;
                        plen--;
                    }
                    if (plen == 1) {
                        return true;
                    }
                    while (slen > 0) {
                        if (match(p + 1, plen - 1, s, si, slen)) {
                            return true;
                        }
                        if (giveUp) {
                            return false;
                        }
                        si++;
                        slen--;
                    }
                    giveUp = true;
                    return false;
                }
                case '?' -> {
                    si++;
                    slen--;
                }
                case '[' -> {
                    p++;
                    plen--;
                    boolean negate = plen > 0 && pattern[p] == '^';
                    if (negate) {
                        p++;
                        plen--;
                    }
                    boolean found = false;
                    while (true) {
                        if (plen >= 2 && pattern[p] == '\\') {
                            p++;
                            plen--;
                            if (pattern[p] == s[si]) {
                                found = true;
                            }
                        } else if (plen > 0 && pattern[p] == ']') {
                            break;
                        } else if (plen == 0) {
                            // Unterminated class: step back so the shared advance below ends the pattern.
                            p--;
                            plen++;
                            break;
                        } else if (plen >= 3 && pattern[p + 1] == '-') {
                            int lo = pattern[p];
                            int hi = pattern[p + 2];
                            if (lo > hi) {
                                int t = lo;
                                lo = hi;
                                hi = t;
                            }
                            p += 2;
                            plen -= 2;
                            if (s[si] >= lo && s[si] <= hi) {
                                found = true;
                            }
                        } else if (pattern[p] == s[si]) {
                            found = true;
                        }
                        p++;
                        plen--;
                    }
                    if (negate) {
                        found = !found;
                    }
                    if (!found) {
                        return false;
                    }
                    si++;
                    slen--;
                }
                case '\\' -> {
                    if (plen >= 2) {
                        p++;
                        plen--;
                    }
                    if (pattern[p] != s[si]) {
                        return false;
                    }
                    si++;
                    slen--;
                }
                default -> {
                    if (pattern[p] != s[si]) {
                        return false;
                    }
                    si++;
                    slen--;
                }
            }
            p++;
            plen--;
            if (slen == 0) {
                while (plen > 0 && pattern[p] == '*') {
                    p++;
                    plen--;
                }
                break;
            }
        }
        return plen == 0 && slen == 0;
    }
}
