package dev.trib.node.command.geo;

import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.RespTestClient;
import dev.trib.node.support.SideBySide;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * The geo commands against redis-server 7.0: scores, positions, distances and geohashes byte-identical, searches
 * returning the same members in the same order (unsorted ones too, which follow the cell scan), STORE results, the
 * errors, and the replication stream (GEOADD reaches replicas as ZADD).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GeoDifferentialTest {
    private static final List<String[]> SCRIPT = new ArrayList<>();

    private static void c(String line) {
        SCRIPT.add(line.split(" ", -1));
    }

    static {
        c("GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania");
        c("GEOADD Sicily 13.583333 37.316667 Agrigento 12.758489 38.788135 edge1 17.241510 38.788135 edge2");
        c("ZRANGE Sicily 0 -1 WITHSCORES");
        c("GEODIST Sicily Palermo Catania");
        c("GEODIST Sicily Palermo Catania km");
        c("GEODIST Sicily Palermo Catania MI");
        c("GEODIST Sicily Palermo Catania ft");
        c("GEODIST Sicily Palermo Palermo");
        c("GEODIST Sicily Palermo nope");
        c("GEODIST nokey a b");
        c("GEODIST Sicily Palermo Catania furlongs");
        c("GEODIST Sicily Palermo Catania km extra");
        c("GEOPOS Sicily Palermo Catania NonExisting");
        c("GEOPOS nokey a");
        c("GEOPOS Sicily");
        c("GEOHASH Sicily Palermo Catania Agrigento nope");
        c("GEOHASH nokey a");
        for (String q : new String[] {
            "GEORADIUS Sicily 15 37 200 km",
            "GEORADIUS Sicily 15 37 200 km WITHDIST",
            "GEORADIUS Sicily 15 37 200 km WITHCOORD WITHDIST WITHHASH",
            "GEORADIUS Sicily 15 37 200 km ASC",
            "GEORADIUS Sicily 15 37 200 km DESC WITHDIST",
            "GEORADIUS Sicily 15 37 200 km COUNT 1",
            "GEORADIUS Sicily 15 37 200 km COUNT 2 DESC",
            "GEORADIUS Sicily 15 37 200 km COUNT 1 ANY",
            "GEORADIUS Sicily 15 37 1 m",
            "GEORADIUS Sicily 15 37 0 km",
            "GEORADIUS Sicily 15 37 5000 km",
            "GEORADIUS_RO Sicily 15 37 200 km WITHDIST",
            "GEORADIUSBYMEMBER Sicily Agrigento 100 km",
            "GEORADIUSBYMEMBER Sicily Agrigento 100 km WITHDIST WITHCOORD",
            "GEORADIUSBYMEMBER_RO Sicily Palermo 500 km DESC",
            "GEORADIUSBYMEMBER Sicily nope 100 km",
            "GEORADIUSBYMEMBER nokey nope 100 km",
            "GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km ASC",
            "GEOSEARCH Sicily FROMMEMBER Palermo BYBOX 400 400 km ASC WITHCOORD WITHDIST",
            "GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 400 400 km",
            "GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 100 100 km WITHDIST",
            "GEOSEARCH Sicily FROMMEMBER nope BYRADIUS 10 km",
            "GEOSEARCH nokey FROMMEMBER nope BYRADIUS 10 km",
            "GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km COUNT 2 ANY",
        }) {
            c(q);
        }
        // Stored results.
        c("GEORADIUS Sicily 15 37 200 km STORE dst");
        c("ZRANGE dst 0 -1 WITHSCORES");
        c("GEORADIUS Sicily 15 37 200 km STOREDIST dst2");
        c("ZRANGE dst2 0 -1 WITHSCORES");
        c("GEORADIUS Sicily 15 37 200 km STORE dst COUNT 1");
        c("ZRANGE dst 0 -1 WITHSCORES");
        c("GEORADIUS Sicily 15 37 1 m STORE dst");
        c("EXISTS dst");
        c("GEOSEARCHSTORE dst3 Sicily FROMLONLAT 15 37 BYRADIUS 200 km");
        c("ZRANGE dst3 0 -1 WITHSCORES");
        c("GEOSEARCHSTORE dst3 Sicily FROMLONLAT 15 37 BYRADIUS 200 km STOREDIST");
        c("ZRANGE dst3 0 -1 WITHSCORES");
        c("GEOSEARCHSTORE dst3 nokey FROMLONLAT 15 37 BYRADIUS 200 km");
        c("EXISTS dst3");
        c("GEOSEARCHSTORE dst4 Sicily FROMLONLAT 15 37 BYRADIUS 200 km WITHDIST");
        c("GEORADIUS Sicily 15 37 200 km STORE dst WITHDIST");
        c("GEORADIUS_RO Sicily 15 37 200 km STORE dst");
        // Errors.
        c("GEOADD Sicily 200 37 x");
        c("GEOADD Sicily 13 86 x");
        c("GEOADD Sicily -180.0000001 0 x");
        c("GEOADD Sicily abc 37 x");
        c("GEOADD Sicily 13 37");
        c("GEOADD Sicily NX XX 13 37 x");
        c("GEOADD Sicily GT 13 37 x");
        c("GEOADD Sicily NX 13.361389 38.115556 Palermo 1 1 new");
        c("GEOADD Sicily XX CH 13.361389 38.115556 Palermo 1 1 new2 2 2 Catania");
        c("GEOADD Sicily CH 13.361389 38.115556 Palermo");
        c("GEOADD Sicily 1 2 3 4");
        c("GEORADIUS Sicily 15 37 -1 km");
        c("GEORADIUS Sicily 15 37 abc km");
        c("GEORADIUS Sicily 15 37 10 parsecs");
        c("GEORADIUS Sicily 15 37 10 km COUNT 0");
        c("GEORADIUS Sicily 15 37 10 km COUNT x");
        c("GEORADIUS Sicily 15 37 10 km ANY");
        c("GEORADIUS Sicily 15 37 10 km NOPE");
        c("GEORADIUS Sicily 15 37 10 km COUNT");
        c("GEORADIUS Sicily 15 37 10 km FROMLONLAT 1 2");
        c("GEOSEARCH Sicily BYRADIUS 10 km");
        c("GEOSEARCH Sicily FROMLONLAT 15 37");
        c("GEOSEARCH Sicily FROMLONLAT 15 37 FROMMEMBER Palermo BYRADIUS 1 km");
        c("GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 1 km BYBOX 1 1 km");
        c("GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX -1 1 km");
        c("GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX x 1 km");
        c("GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 1 y km");
        c("GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 1 km STORE x");
        c("GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 1 km STOREDIST");
        c("SET str x");
        c("GEOADD str 1 1 a");
        c("GEOPOS str a");
        c("GEODIST str a b");
        c("GEOHASH str a");
        c("GEORADIUS str 1 1 1 km");
        c("GEOSEARCH str FROMLONLAT 1 1 BYRADIUS 1 km");
        c("GEOSEARCHSTORE dst str FROMLONLAT 1 1 BYRADIUS 1 km");
        c("GEOADD");
        c("GEODIST k a");
        c("GEORADIUS k 1 2 3");
        c("GEOSEARCHSTORE a b c d e f");
        // Many random points: unsorted searches follow the cell scan, which must match.
        Random random = new Random(21);
        StringBuilder add = new StringBuilder("GEOADD many");
        for (int i = 0; i < 400; i++) {
            add.append(String.format(Locale.ROOT, " %.6f %.6f p%d", 2 + random.nextDouble() * 2,
                    48 + random.nextDouble() * 2, i));
        }
        c(add.toString());
        for (String q : new String[] {
            "GEORADIUS many 3 49 20 km",
            "GEORADIUS many 3 49 50 km WITHDIST WITHHASH",
            "GEORADIUS many 2.5 48.5 8 km WITHCOORD",
            "GEORADIUS many 3 49 300 km COUNT 15",
            "GEORADIUS many 3 49 300 km COUNT 15 ANY",
            "GEOSEARCH many FROMLONLAT 3 49 BYBOX 30 20 km",
            "GEOSEARCH many FROMLONLAT 3.9 49.9 BYBOX 50 80 km WITHDIST",
            "GEOSEARCH many FROMMEMBER p7 BYRADIUS 15 km",
            "GEOSEARCH many FROMMEMBER p7 BYRADIUS 15 mi DESC WITHDIST",
            "GEORADIUSBYMEMBER many p100 25 km",
            "GEOHASH many p0 p1 p2 p3",
            "GEOPOS many p0 p1 p2 p3",
            "GEODIST many p0 p1 km",
        }) {
            c(q);
        }
        // Near the poles, the antimeridian and the equator.
        c("GEOADD far 179.99 0 e1 -179.99 0 w1 0 85 n1 0 -85 s1 0 0 z 0.00001 0.00001 z2");
        c("GEORADIUS far 180 0 50 km WITHDIST");
        c("GEORADIUS far 0 84.9 50 km WITHDIST");
        c("GEORADIUS far 0 0 10 m WITHDIST WITHCOORD");
        c("GEOPOS far e1 w1 n1 s1 z z2");
        c("GEOHASH far e1 w1 n1 s1 z z2");
        c("GEODIST far e1 w1");
        c("GEODIST far n1 s1 km");
    }

    /** The script in RESP2, and again in RESP3 (where Redis changes some reply types). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void repliesMatchRedis(int protocol) throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(SCRIPT, diff, protocol);
            diff.assertNone();
        }
    }

    @Test
    void replicasReceiveWhatRedisSends() throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            both.assertSameReplicaStream((host, port) -> {
                try (RespTestClient c = new RespTestClient(host, port)) {
                    c.call("GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
                    c.call("GEOADD", "g", "NX", "13.361389", "38.115556", "Palermo");
                    c.call("GEOADD", "g", "CH", "XX", "13", "38", "Palermo");
                    c.call("GEORADIUS", "g", "15", "37", "200", "km");
                    c.call("GEORADIUS", "g", "15", "37", "200", "km", "STORE", "d1");
                    c.call("GEORADIUS", "g", "15", "37", "1", "m", "STORE", "d1");
                    c.call("GEORADIUS", "g", "15", "37", "1", "m", "STORE", "d1");
                    c.call("GEOSEARCHSTORE", "d2", "g", "FROMMEMBER", "Palermo", "BYRADIUS", "300", "km", "STOREDIST");
                    c.call("GEOSEARCHSTORE", "d3", "nokey", "FROMMEMBER", "Palermo", "BYRADIUS", "300", "km");
                }
            }, "zadd");
        }
    }
}
