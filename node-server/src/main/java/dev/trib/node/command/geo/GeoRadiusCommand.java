package dev.trib.node.command.geo;

import dev.trib.node.resp.DoubleReply;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CText;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The search commands, one parser as in redis-server: GEORADIUS[_RO] key lon lat radius unit,
 * GEORADIUSBYMEMBER[_RO] key member radius unit, GEOSEARCH key FROMMEMBER|FROMLONLAT BYRADIUS|BYBOX, and
 * GEOSEARCHSTORE dest src ...; options WITHDIST, WITHHASH, WITHCOORD, ANY, ASC|DESC, COUNT n, and STORE/STOREDIST
 * (GEORADIUS) or STOREDIST (GEOSEARCHSTORE). Stored results replace the destination (deleted when none).
 */
final class GeoRadiusCommand implements Command {
    /** Which command: how the centre and shape are given and which options it takes. */
    enum Form { RADIUS, RADIUS_BY_MEMBER, SEARCH, SEARCH_STORE }

    private static final ErrorReply NO_MEMBER = new ErrorReply("ERR could not decode requested zset member");
    private final Keyspace keyspace;
    private final Form form;
    private final boolean noStore;

    GeoRadiusCommand(Keyspace keyspace, Form form, boolean noStore) {
        this.keyspace = keyspace;
        this.form = form;
        this.noStore = noStore;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        boolean search = form == Form.SEARCH || form == Form.SEARCH_STORE;
        int srcIndex = form == Form.SEARCH_STORE ? 2 : 1;
        ZSetValue zset = keyspace.get(request.key(srcIndex), ZSetValue.class);
        double lon = 0;
        double lat = 0;
        boolean circle = true;
        double radius = 0;
        double width = 0;
        double height = 0;
        double toMeters = 0;
        int base;
        Key store = null;
        if (form == Form.RADIUS) {
            base = 6;
            double[] xy = GeoArgs.lonLat(request, 2);
            lon = xy[0];
            lat = xy[1];
            double[] r = GeoArgs.radius(request, 4);
            radius = r[0];
            toMeters = r[1];
        } else if (form == Form.RADIUS_BY_MEMBER) {
            base = 5;
            if (zset != null) {
                double[] xy = memberPosition(zset, request.key(2));
                lon = xy[0];
                lat = xy[1];
                double[] r = GeoArgs.radius(request, 3);
                radius = r[0];
                toMeters = r[1];
            }
        } else {
            base = form == Form.SEARCH_STORE ? 3 : 2;
            if (form == Form.SEARCH_STORE) {
                store = request.key(1);
            }
        }
        boolean withDist = false;
        boolean withHash = false;
        boolean withCoord = false;
        boolean fromMember = false;
        boolean fromLonLat = false;
        boolean byRadius = false;
        boolean byBox = false;
        boolean storeDist = false;
        boolean any = false;
        int sort = 0; // 0 none, 1 ascending, -1 descending
        long count = 0;
        int remaining = request.argc() - base;
        for (int i = 0; i < remaining; i++) {
            int at = base + i;
            if (request.argIs(at, "withdist")) {
                withDist = true;
            } else if (request.argIs(at, "withhash")) {
                withHash = true;
            } else if (request.argIs(at, "withcoord")) {
                withCoord = true;
            } else if (request.argIs(at, "any")) {
                any = true;
            } else if (request.argIs(at, "asc")) {
                sort = 1;
            } else if (request.argIs(at, "desc")) {
                sort = -1;
            } else if (request.argIs(at, "count") && i + 1 < remaining) {
                Long n = IntegerText.parse(request.arg(at + 1));
                if (n == null) {
                    return Errors.NOT_INTEGER;
                }
                if (n <= 0) {
                    return new ErrorReply("ERR COUNT must be > 0");
                }
                count = n;
                i++;
            } else if ((request.argIs(at, "store") || request.argIs(at, "storedist")) && i + 1 < remaining
                    && !noStore && !search) {
                storeDist = request.argIs(at, "storedist");
                store = request.key(at + 1);
                i++;
            } else if (request.argIs(at, "storedist") && form == Form.SEARCH_STORE) {
                storeDist = true;
            } else if (request.argIs(at, "frommember") && i + 1 < remaining && search && !fromLonLat) {
                if (zset != null) {
                    double[] xy = memberPosition(zset, request.key(at + 1));
                    lon = xy[0];
                    lat = xy[1];
                }
                fromMember = true;
                i++;
            } else if (request.argIs(at, "fromlonlat") && i + 2 < remaining && search && !fromMember) {
                double[] xy = GeoArgs.lonLat(request, at + 1);
                lon = xy[0];
                lat = xy[1];
                fromLonLat = true;
                i += 2;
            } else if (request.argIs(at, "byradius") && i + 2 < remaining && search && !byBox) {
                double[] r = GeoArgs.radius(request, at + 1);
                radius = r[0];
                toMeters = r[1];
                circle = true;
                byRadius = true;
                i += 2;
            } else if (request.argIs(at, "bybox") && i + 3 < remaining && search && !byRadius) {
                double[] b = GeoArgs.box(request, at + 1);
                width = b[0];
                height = b[1];
                toMeters = b[2];
                circle = false;
                byBox = true;
                i += 3;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (store != null && (withDist || withHash || withCoord)) {
            String what = form == Form.SEARCH_STORE ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS";
            return ErrorReply.formatted(what + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        String name = CText.printed(request.arg(0), 1024);
        if (search && !(fromMember || fromLonLat)) {
            return ErrorReply.formatted("exactly one of FROMMEMBER or FROMLONLAT can be specified for " + name);
        }
        if (search && !(byRadius || byBox)) {
            return ErrorReply.formatted("exactly one of BYRADIUS and BYBOX can be specified for " + name);
        }
        if (any && count == 0) {
            return ErrorReply.formatted("the ANY argument requires COUNT argument");
        }
        if (zset == null) {
            if (store != null) {
                return keyspace.delete(store) ? Replies.ZERO : request.unchanged(Replies.ZERO);
            }
            return request.unchanged(Replies.EMPTY_ARRAY);
        }
        if (count != 0 && sort == 0 && !any) {
            sort = 1;
        }
        GeoShape shape = new GeoShape(lon, lat, circle, radius, width, height, toMeters);
        List<GeoSearch.Point> found = new ArrayList<>(GeoSearch.find(zset, shape, any ? count : 0));
        if (found.isEmpty() && store == null) {
            return request.unchanged(Replies.EMPTY_ARRAY);
        }
        if (sort != 0) {
            Comparator<GeoSearch.Point> byDistance = Comparator.comparingDouble(GeoSearch.Point::distance);
            found.sort(sort > 0 ? byDistance : byDistance.reversed());
        }
        int returned = (int) (count == 0 || found.size() < count ? found.size() : count);
        if (store == null) {
            List<RespReply> out = new ArrayList<>(returned);
            for (GeoSearch.Point p : found.subList(0, returned)) {
                if (!withDist && !withHash && !withCoord) {
                    out.add(new BulkReply(p.member().bytes()));
                    continue;
                }
                List<RespReply> item = new ArrayList<>(4);
                item.add(new BulkReply(p.member().bytes()));
                if (withDist) {
                    item.add(BulkReply.of(GeoText.distance(p.distance() / toMeters)));
                }
                if (withHash) {
                    item.add(Replies.integer((long) p.score()));
                }
                if (withCoord) {
                    item.add(Replies.array(List.of(DoubleReply.of(GeoText.human(p.lon())),
                            DoubleReply.of(GeoText.human(p.lat())))));
                }
                out.add(Replies.array(item));
            }
            return request.unchanged(Replies.array(out));
        }
        if (returned == 0) {
            return keyspace.delete(store) ? Replies.ZERO : request.unchanged(Replies.ZERO);
        }
        ZSetValue result = null;
        for (GeoSearch.Point p : found.subList(0, returned)) {
            if (result == null) {
                result = ZSetValue.forFirstMember(p.member().length());
            }
            result.add(p.member(), storeDist ? p.distance() / toMeters : p.score());
        }
        keyspace.set(store, result);
        return Replies.integer(returned);
    }

    private static double[] memberPosition(ZSetValue zset, Key member) {
        Double score = zset.score(member);
        if (score == null) {
            throw Errors.fail(NO_MEMBER);
        }
        return GeoHash.position(score);
    }

    /** GEORADIUS and GEORADIUSBYMEMBER: the source key and the STORE/STOREDIST destination (the last one given). */
    @Override
    public List<Integer> keyPositions(List<byte[]> argv) {
        if (noStore || (form != Form.RADIUS && form != Form.RADIUS_BY_MEMBER)) {
            return null;
        }
        int stored = -1;
        for (int i = 5; i < argv.size(); i++) {
            if ((CText.equalsIgnoreCase(argv.get(i), "store") || CText.equalsIgnoreCase(argv.get(i), "storedist"))
                    && i + 1 < argv.size()) {
                stored = ++i;
            }
        }
        return stored < 0 ? List.of(1) : List.of(1, stored);
    }
}
