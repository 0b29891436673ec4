package dev.trib.node.command.geo;

import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.text.CFloat;

/** Parsing of positions, distances, boxes and units with redis-server's error replies. */
final class GeoArgs {
    private static final ErrorReply BAD_UNIT =
            new ErrorReply("ERR unsupported unit provided. please use M, KM, FT, MI");

    private GeoArgs() {
    }

    static double number(byte[] arg, ErrorReply error) {
        Double v = CFloat.parseStrictDouble(arg);
        if (v == null) {
            throw Errors.fail(error);
        }
        return v;
    }

    /** The longitude at index and the latitude after it, inside the Web Mercator limits. */
    static double[] lonLat(CommandRequest request, int index) {
        double lon = number(request.arg(index), Errors.NOT_FLOAT);
        double lat = number(request.arg(index + 1), Errors.NOT_FLOAT);
        if (!GeoHash.inLimits(lon, lat)) {
            throw Errors.fail(new ErrorReply("ERR invalid longitude,latitude pair " + GeoText.fixed6(lon) + ","
                    + GeoText.fixed6(lat)));
        }
        return new double[] {lon, lat};
    }

    /** Metres per unit of M, KM, FT or MI. */
    static double unit(CommandRequest request, int index) {
        if (request.argIs(index, "m")) {
            return 1;
        }
        if (request.argIs(index, "km")) {
            return 1000;
        }
        if (request.argIs(index, "ft")) {
            return 0.3048;
        }
        if (request.argIs(index, "mi")) {
            return 1609.34;
        }
        throw Errors.fail(BAD_UNIT);
    }

    /** radius unit: {radius, metres per unit}. */
    static double[] radius(CommandRequest request, int index) {
        double r = number(request.arg(index), new ErrorReply("ERR need numeric radius"));
        if (r < 0) {
            throw Errors.fail(new ErrorReply("ERR radius cannot be negative"));
        }
        return new double[] {r, unit(request, index + 1)};
    }

    /** width height unit: {width, height, metres per unit}. */
    static double[] box(CommandRequest request, int index) {
        double w = number(request.arg(index), new ErrorReply("ERR need numeric width"));
        double h = number(request.arg(index + 1), new ErrorReply("ERR need numeric height"));
        if (h < 0 || w < 0) {
            throw Errors.fail(new ErrorReply("ERR height or width cannot be negative"));
        }
        return new double[] {w, h, unit(request, index + 2)};
    }
}
