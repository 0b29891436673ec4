package dev.trib.node.command.geo;

/**
 * Great-circle distances as redis-server computes them: haversine on a sphere of Redis's earth radius, with a
 * shortcut when both points share a longitude. StrictMath keeps the results reproducible across JVMs.
 */
final class GeoDistance {
    static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
    private static final double D_R = Math.PI / 180.0;
    private static final double MERCATOR_MAX = 20037726.37;

    private GeoDistance() {
    }

    static double radians(double degrees) {
        return degrees * D_R;
    }

    static double degrees(double radians) {
        return radians / D_R;
    }

    static double latitudeDistance(double lat1, double lat2) {
        return EARTH_RADIUS_IN_METERS * Math.abs(radians(lat2) - radians(lat1));
    }

    static double between(double lon1, double lat1, double lon2, double lat2) {
        double lon1r = radians(lon1);
        double lon2r = radians(lon2);
        double v = StrictMath.sin((lon2r - lon1r) / 2);
        if (v == 0.0) {
            return latitudeDistance(lat1, lat2);
        }
        double lat1r = radians(lat1);
        double lat2r = radians(lat2);
        double u = StrictMath.sin((lat2r - lat1r) / 2);
        double a = u * u + StrictMath.cos(lat1r) * StrictMath.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_IN_METERS * StrictMath.asin(Math.sqrt(a));
    }

    /** The precision (steps) whose cells cover a search of this radius around this latitude. */
    static int stepsForRadius(double meters, double lat) {
        if (meters == 0) {
            return 26;
        }
        int step = 1;
        while (meters < MERCATOR_MAX) {
            meters *= 2;
            step++;
        }
        step -= 2;
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(26, step));
    }
}
