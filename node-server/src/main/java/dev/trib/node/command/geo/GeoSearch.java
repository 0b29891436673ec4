package dev.trib.node.command.geo;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.ScoreRange;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the members of a sorted set inside a shape as redis-server does, so that unsorted results come in the same
 * order: pick the cell precision from the radius, take the centre's cell and its eight neighbours (dropping those
 * the bounding box does not reach), and scan each cell's score range, keeping members inside the shape.
 */
final class GeoSearch {
    /** One member found: its position, distance from the centre in metres and score. */
    record Point(Key member, double lon, double lat, double distance, double score) {
    }

    private GeoSearch() {
    }

    /** @param limit stop once this many were found (ANY), 0 for no limit */
    static List<Point> find(ZSetValue zset, GeoShape shape, long limit) {
        List<GeoHash.Cell> cells = cells(shape);
        List<Point> found = new ArrayList<>();
        int lastProcessed = 0; // as in Redis, a repeat of the centre cell (index 0) is not recognised
        for (int i = 0; i < cells.size(); i++) {
            GeoHash.Cell cell = cells.get(i);
            if (cell.isNone()) {
                continue;
            }
            if (lastProcessed > 0 && cell.equals(cells.get(lastProcessed))) {
                continue;
            }
            if (!found.isEmpty() && limit > 0 && found.size() >= limit) {
                break;
            }
            scanCell(zset, cell, shape, found, limit);
            lastProcessed = i;
        }
        return found;
    }

    /** The centre cell, then N, S, E, W, NE, NW, SE, SW, with Redis's precision choice and pruning. */
    private static List<GeoHash.Cell> cells(GeoShape shape) {
        double[] b = shape.bounds();
        int steps = GeoDistance.stepsForRadius(shape.searchRadiusMeters(), shape.lat());
        GeoHash.Cell hash = GeoHash.encode(shape.lon(), shape.lat(), steps);
        GeoHash.Cell[] n = neighbours(hash);
        GeoHash.Area area = GeoHash.decode(hash);
        boolean decrease = GeoHash.decode(n[0]).latMax() < b[3]
                || GeoHash.decode(n[1]).latMin() > b[1]
                || GeoHash.decode(n[2]).lonMax() < b[2]
                || GeoHash.decode(n[3]).lonMin() > b[0];
        if (steps > 1 && decrease) {
            steps--;
            hash = GeoHash.encode(shape.lon(), shape.lat(), steps);
            n = neighbours(hash);
            area = GeoHash.decode(hash);
        }
        // n: 0 north, 1 south, 2 east, 3 west, 4 north-east, 5 north-west, 6 south-east, 7 south-west
        if (steps >= 2) {
            if (area.latMin() < b[1]) {
                n[1] = n[7] = n[6] = GeoHash.Cell.NONE;
            }
            if (area.latMax() > b[3]) {
                n[0] = n[4] = n[5] = GeoHash.Cell.NONE;
            }
            if (area.lonMin() < b[0]) {
                n[3] = n[7] = n[5] = GeoHash.Cell.NONE;
            }
            if (area.lonMax() > b[2]) {
                n[2] = n[6] = n[4] = GeoHash.Cell.NONE;
            }
        }
        List<GeoHash.Cell> out = new ArrayList<>(9);
        out.add(hash);
        for (GeoHash.Cell c : n) {
            out.add(c);
        }
        return out;
    }

    private static GeoHash.Cell[] neighbours(GeoHash.Cell c) {
        return new GeoHash.Cell[] {
            GeoHash.moveY(c, 1),
            GeoHash.moveY(c, -1),
            GeoHash.moveX(c, 1),
            GeoHash.moveX(c, -1),
            GeoHash.moveY(GeoHash.moveX(c, 1), 1),
            GeoHash.moveY(GeoHash.moveX(c, -1), 1),
            GeoHash.moveY(GeoHash.moveX(c, 1), -1),
            GeoHash.moveY(GeoHash.moveX(c, -1), -1)};
    }

    private static void scanCell(ZSetValue zset, GeoHash.Cell cell, GeoShape shape, List<Point> found, long limit) {
        double min = GeoHash.align52(cell);
        double max = GeoHash.align52(new GeoHash.Cell(cell.bits() + 1, cell.step()));
        ScoreRange range = new ScoreRange(min, false, max, true);
        for (ScoreTree.Node node = zset.firstInRange(range); node != null; node = node.next()) {
            if (!range.belowMax(node.score())) {
                break;
            }
            double[] xy = GeoHash.position(node.score());
            double d = shape.distanceIfInside(xy[0], xy[1]);
            if (d >= 0) {
                found.add(new Point(node.member(), xy[0], xy[1], d, node.score()));
            }
            if (!found.isEmpty() && limit > 0 && found.size() >= limit) {
                break;
            }
        }
    }
}
