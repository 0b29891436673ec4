package dev.trib.node.command.geo;

import dev.trib.node.resp.DoubleReply;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * GEOPOS key [member ...] (each member's longitude and latitude, a null array for a missing one) and GEOHASH key
 * [member ...] (each member's 11-character geohash, a null for a missing one).
 */
record GeoPosCommand(Keyspace keyspace, boolean hash) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        List<RespReply> out = new ArrayList<>(request.argc() - 2);
        for (int i = 2; i < request.argc(); i++) {
            Double score = zset == null ? null : zset.score(request.key(i));
            if (score == null) {
                out.add(hash ? Replies.NULL_BULK : Replies.NULL_ARRAY);
            } else if (hash) {
                out.add(BulkReply.of(GeoHash.text(score)));
            } else {
                double[] xy = GeoHash.position(score);
                out.add(Replies.array(List.of(DoubleReply.of(GeoText.human(xy[0])),
                        DoubleReply.of(GeoText.human(xy[1])))));
            }
        }
        return Replies.array(out);
    }
}
