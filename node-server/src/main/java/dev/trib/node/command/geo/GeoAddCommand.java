package dev.trib.node.command.geo;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.Propagation;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * GEOADD key [NX|XX] [CH] longitude latitude member [...]: as in redis-server, rewritten into a ZADD of 52-bit
 * geohash scores, which runs (its reply and errors are ZADD's) and is what replicas and the AOF receive.
 */
record GeoAddCommand(Command zadd) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        int first = 2;
        boolean nx = false;
        boolean xx = false;
        while (first < request.argc()) {
            if (request.argIs(first, "nx")) {
                nx = true;
            } else if (request.argIs(first, "xx")) {
                xx = true;
            } else if (!request.argIs(first, "ch")) {
                break;
            }
            first++;
        }
        if ((request.argc() - first) % 3 != 0 || (xx && nx)) {
            return Errors.SYNTAX;
        }
        List<byte[]> argv = new ArrayList<>();
        argv.add(Propagation.ascii("zadd"));
        for (int i = 1; i < first; i++) {
            argv.add(request.arg(i));
        }
        for (int i = first; i < request.argc(); i += 3) {
            double[] xy = GeoArgs.lonLat(request, i);
            long score = GeoHash.align52(GeoHash.encode(xy[0], xy[1], GeoHash.STEP_MAX));
            argv.add(Propagation.ascii(Long.toString(score)));
            argv.add(request.arg(i + 2));
        }
        RespReply reply = zadd.execute(new CommandRequest(argv, request.session(), request.propagation()));
        if (!request.propagation().suppressed()) {
            request.propagation().replaceWith(argv);
        }
        return reply;
    }
}
