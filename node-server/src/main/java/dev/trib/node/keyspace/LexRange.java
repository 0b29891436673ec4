package dev.trib.node.keyspace;

/**
 * A member interval for ZRANGE ... BYLEX: each end is "-" (below everything), "+" (above
 * everything), or a member, inclusive ("[m") or exclusive ("(m").
 */
public record LexRange(Bound min, Bound max) {

    public enum Kind { MINUS_INFINITY, PLUS_INFINITY, VALUE }

    public record Bound(Kind kind, Key value, boolean exclusive) {
        public static final Bound MINUS = new Bound(Kind.MINUS_INFINITY, null, true);
        public static final Bound PLUS = new Bound(Kind.PLUS_INFINITY, null, true);
    }

    /** Orders two bounds, or a member (as a VALUE bound) against a bound; equal infinities tie. */
    static int compare(Bound a, Bound b) {
        if (a.kind() == b.kind() && a.kind() != Kind.VALUE) {
            return 0;
        }
        if (a.kind() == Kind.MINUS_INFINITY || b.kind() == Kind.PLUS_INFINITY) {
            return -1;
        }
        if (a.kind() == Kind.PLUS_INFINITY || b.kind() == Kind.MINUS_INFINITY) {
            return 1;
        }
        return a.value().compareTo(b.value());
    }

    /** Orders member bytes against a bound without building a bound for the member. */
    private static int compareMember(byte[] member, Bound bound) {
        return switch (bound.kind()) {
            case MINUS_INFINITY -> 1;
            case PLUS_INFINITY -> -1;
            case VALUE -> java.util.Arrays.compareUnsigned(member, bound.value().bytes());
        };
    }

    public boolean aboveMin(Key member) {
        return aboveMin(member.bytes());
    }

    public boolean belowMax(Key member) {
        return belowMax(member.bytes());
    }

    public boolean aboveMin(byte[] member) {
        int c = compareMember(member, min);
        return min.exclusive() ? c > 0 : c >= 0;
    }

    public boolean belowMax(byte[] member) {
        int c = compareMember(member, max);
        return max.exclusive() ? c < 0 : c <= 0;
    }

    public boolean isSatisfiable() {
        int c = compare(min, max);
        return !(c > 0 || (c == 0 && (min.exclusive() || max.exclusive())));
    }
}
