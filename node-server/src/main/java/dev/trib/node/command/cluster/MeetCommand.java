package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/** CLUSTER MEET ip port [cport]: starts a handshake; the bus port defaults to port + 10000. */
public record MeetCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 5) {
            return new ErrorReply("ERR unknown subcommand or wrong number of arguments for 'meet'. Try CLUSTER HELP.");
        }
        String ip = SlotArgs.text(request.arg(2));
        String portText = SlotArgs.text(request.arg(3));
        Long port = IntegerText.parse(request.arg(3));
        if (port == null) {
            return new ErrorReply("ERR Invalid TCP base port specified: " + portText);
        }
        long cport = port + 10000;
        if (request.argc() == 5) {
            Long given = IntegerText.parse(request.arg(4));
            if (given == null) {
                return new ErrorReply("ERR Invalid TCP bus port specified: " + SlotArgs.text(request.arg(4)));
            }
            cport = given;
        }
        if (port <= 0 || port > 65535 || cport <= 0 || cport > 65535
                || !cluster.bus().meet(ip, port.intValue(), (int) cport)) {
            return new ErrorReply("ERR Invalid node address specified: " + ip + ":" + portText);
        }
        return Replies.OK;
    }
}
