package dev.trib.node.command.geo;

/**
 * Redis's geohash arithmetic: a longitude/latitude pair in the Web Mercator limits becomes 2×26 interleaved bits
 * (latitude in the even bits, longitude in the odd ones), stored as a sorted-set score; decoding yields the centre
 * of the cell. The same integer operations and double arithmetic as redis-server, so positions and cells match.
 */
final class GeoHash {
    static final int STEP_MAX = 26;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;

    /** A cell: its bits and its precision in steps (bits per coordinate); step 0 with bits 0 is "none". */
    record Cell(long bits, int step) {
        static final Cell NONE = new Cell(0, 0);

        boolean isNone() {
            return bits == 0 && step == 0;
        }
    }

    /** The bounds of a cell. */
    record Area(double lonMin, double lonMax, double latMin, double latMax) {
    }

    private GeoHash() {
    }

    static boolean inLimits(double lon, double lat) {
        return !(lon < LONG_MIN || lon > LONG_MAX || lat < LAT_MIN || lat > LAT_MAX);
    }

    /** The cell of a point at this precision in the given latitude range (±85.05… for scores, ±90 for GEOHASH). */
    static Cell encode(double lon, double lat, int step, double latMin, double latMax) {
        double latOffset = (lat - latMin) / (latMax - latMin);
        double lonOffset = (lon - LONG_MIN) / (LONG_MAX - LONG_MIN);
        latOffset *= (double) (1L << step);
        lonOffset *= (double) (1L << step);
        return new Cell(interleave(toUint32(latOffset), toUint32(lonOffset)), step);
    }

    static Cell encode(double lon, double lat, int step) {
        return encode(lon, lat, step, LAT_MIN, LAT_MAX);
    }

    /** C's conversion of a non-negative double to uint32_t (truncation). */
    private static long toUint32(double v) {
        return ((long) v) & 0xffffffffL;
    }

    /** The 52-bit score of a cell. */
    static long align52(Cell cell) {
        return cell.bits << (52 - cell.step * 2);
    }

    static Area decode(Cell cell) {
        long separated = deinterleave(cell.bits);
        double latScale = LAT_MAX - LAT_MIN;
        double lonScale = LONG_MAX - LONG_MIN;
        long lat = separated & 0xffffffffL;
        long lon = separated >>> 32;
        double cells = (double) (1L << cell.step);
        return new Area(
                LONG_MIN + (lon * 1.0 / cells) * lonScale,
                LONG_MIN + ((lon + 1) * 1.0 / cells) * lonScale,
                LAT_MIN + (lat * 1.0 / cells) * latScale,
                LAT_MIN + ((lat + 1) * 1.0 / cells) * latScale);
    }

    /** The position a score stands for: the centre of its 26-step cell, clamped into the limits. */
    static double[] position(double score) {
        Area a = decode(new Cell((long) score, STEP_MAX));
        double lon = Math.max(LONG_MIN, Math.min(LONG_MAX, (a.lonMin + a.lonMax) / 2));
        double lat = Math.max(LAT_MIN, Math.min(LAT_MAX, (a.latMin + a.latMax) / 2));
        return new double[] {lon, lat};
    }

    private static long interleave(long x, long y) {
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        y = (y | (y << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        y = (y | (y << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        y = (y | (y << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        y = (y | (y << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        y = (y | (y << 1)) & 0x5555555555555555L;
        return x | (y << 1);
    }

    private static long deinterleave(long interleaved) {
        long x = interleaved;
        long y = interleaved >>> 1;
        x = x & 0x5555555555555555L;
        y = y & 0x5555555555555555L;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        y = (y | (y >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        y = (y | (y >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        y = (y | (y >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        y = (y | (y >>> 8)) & 0x0000FFFF0000FFFFL;
        x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
        y = (y | (y >>> 16)) & 0x00000000FFFFFFFFL;
        return x | (y << 32);
    }

    private static final long ODD = 0xaaaaaaaaaaaaaaaaL;
    private static final long EVEN = 0x5555555555555555L;

    /** The cell d steps east (d > 0) or west (d < 0), wrapping as Redis's bit arithmetic does. */
    static Cell moveX(Cell c, int d) {
        return move(c, d, ODD, EVEN);
    }

    /** The cell d steps north (d > 0) or south (d < 0). */
    static Cell moveY(Cell c, int d) {
        return move(c, d, EVEN, ODD);
    }

    /** Steps along the coordinate in the {@code axis} bits, carrying through the {@code other} coordinate's bits. */
    private static Cell move(Cell c, int d, long axis, long other) {
        if (d == 0) {
            return c;
        }
        int shift = 64 - c.step * 2;
        long moving = c.bits & axis;
        long kept = c.bits & other;
        long zz = other >>> shift;
        moving = d > 0 ? moving + (zz + 1) : (moving | zz) - (zz + 1);
        moving &= axis >>> shift;
        return new Cell(moving | kept, c.step);
    }

    /** The 11-character standard geohash of a score, as GEOHASH prints it. */
    static String text(double score) {
        final String alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
        double[] xy = position(score);
        Cell cell = encode(xy[0], xy[1], STEP_MAX, -90, 90);
        char[] out = new char[11];
        for (int i = 0; i < 11; i++) {
            int index = i == 10 ? 0 : (int) ((cell.bits >>> (52 - (i + 1) * 5)) & 0x1f);
            out[i] = alphabet.charAt(index);
        }
        return new String(out);
    }
}
