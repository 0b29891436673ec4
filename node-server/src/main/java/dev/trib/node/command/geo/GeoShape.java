package dev.trib.node.command.geo;

/**
 * A search area: a circle of {@code radius} or a box of {@code width} × {@code height}, in the unit whose size in
 * metres is {@code toMeters}, centred on lon/lat.
 */
record GeoShape(double lon, double lat, boolean circle, double radius, double width, double height,
                double toMeters) {

    /** The bounding box of the area: min lon, min lat, max lon, max lat (Redis's geohashBoundingBox). */
    double[] bounds() {
        double h = toMeters * (circle ? radius : height / 2);
        double w = toMeters * (circle ? radius : width / 2);
        double latDelta = GeoDistance.degrees(h / GeoDistance.EARTH_RADIUS_IN_METERS);
        double lonDeltaTop = GeoDistance.degrees(w / GeoDistance.EARTH_RADIUS_IN_METERS
                / StrictMath.cos(GeoDistance.radians(lat + latDelta)));
        double lonDeltaBottom = GeoDistance.degrees(w / GeoDistance.EARTH_RADIUS_IN_METERS
                / StrictMath.cos(GeoDistance.radians(lat - latDelta)));
        boolean south = lat < 0;
        return new double[] {
            south ? lon - lonDeltaBottom : lon - lonDeltaTop,
            lat - latDelta,
            south ? lon + lonDeltaBottom : lon + lonDeltaTop,
            lat + latDelta};
    }

    /** The radius in metres used to pick the search precision. */
    double searchRadiusMeters() {
        double r = circle ? radius : Math.sqrt((width / 2) * (width / 2) + (height / 2) * (height / 2));
        return r * toMeters;
    }

    /** The distance in metres from the centre when the point is inside the area, else -1. */
    double distanceIfInside(double pointLon, double pointLat) {
        if (circle) {
            double d = GeoDistance.between(lon, lat, pointLon, pointLat);
            return d > radius * toMeters ? -1 : d;
        }
        double latDistance = GeoDistance.latitudeDistance(pointLat, lat);
        if (latDistance > height * toMeters / 2) {
            return -1;
        }
        double lonDistance = GeoDistance.between(pointLon, pointLat, lon, pointLat);
        if (lonDistance > width * toMeters / 2) {
            return -1;
        }
        return GeoDistance.between(lon, lat, pointLon, pointLat);
    }
}
