package dev.trib.planner.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The CLUSTER NODES outputs captured from redis-server 7.0.15 under src/test/resources/nodes. */
final class NodesFixtures {
    static final String CAECA = "caeca82dc4caf4e23fb257e044c5a4d963faf53b";
    static final String N5433 = "5433eaf9d29686c33041a54bc5d786254383e184";
    static final String N8D20 = "8d2088df908ad8880946361193f4b8b78689147f";
    static final String N28D5 = "28d5727e12689a579d4cf2b6460df3d82f84812e";
    static final String N2AA2 = "2aa2b0f03e222b4bee5b5dc4eab46449536bde8a";
    static final String N24CB = "24cbe8204021f6c875dce484e8201558010228be";
    static final String C357 = "c357518678664fb64d14f6f0780d1883fa0a6378";
    static final String N68C2 = "68c2e36c7e9b0321fae10de98cb8751e4c2f9349";
    static final String N9208 = "9208b622599e3112d0c8ff7d82832c3560190862";
    static final String F688 = "f688c19c030ee25d5f6039b1d5ed06d69d976821";

    private NodesFixtures() {
    }

    static String text(String name) {
        try (InputStream in = NodesFixtures.class.getResourceAsStream("/nodes/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClusterView view(String name) {
        return NodesParser.parse(text(name));
    }
}
