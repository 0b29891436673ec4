package dev.trib.node.command.geo;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** GEODIST key member1 member2 [M|KM|FT|MI]: null when the key or a member is missing. */
record GeoDistCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        double toMeters = 1;
        if (request.argc() == 5) {
            toMeters = GeoArgs.unit(request, 4);
        } else if (request.argc() > 5) {
            return Errors.SYNTAX;
        }
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        if (zset == null) {
            return Replies.NULL_BULK;
        }
        Double a = zset.score(request.key(2));
        Double b = zset.score(request.key(3));
        if (a == null || b == null) {
            return Replies.NULL_BULK;
        }
        double[] p = GeoHash.position(a);
        double[] q = GeoHash.position(b);
        return BulkReply.of(GeoText.distance(GeoDistance.between(p[0], p[1], q[0], q[1]) / toMeters));
    }
}
