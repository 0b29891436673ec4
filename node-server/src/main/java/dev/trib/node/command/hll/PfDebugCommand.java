package dev.trib.node.command.hll;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.text.CText;
import java.util.ArrayList;
import java.util.List;

/**
 * PFDEBUG GETREG|DECODE|ENCODING|TODENSE key. GETREG and TODENSE turn a sparse HLL dense (propagated, as redis-server
 * counts that a change); DECODE lists a sparse HLL's opcodes.
 */
record PfDebugCommand(Keyspace keyspace) implements Command {
    private static final ErrorReply NO_KEY = new ErrorReply("ERR The specified key does not exist");
    private static final ErrorReply NOT_SPARSE = new ErrorReply("ERR HLL encoding is not sparse");

    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(2);
        Hll hll = HllKeys.read(keyspace, key);
        if (hll == null) {
            return request.unchanged(NO_KEY);
        }
        request.propagation().suppress(); // unless the encoding changes below
        if (request.argIs(1, "getreg")) {
            if (!densify(request, key, hll)) {
                return HllKeys.CORRUPT;
            }
            List<RespReply> registers = new ArrayList<>(Hll.REGISTERS);
            for (int i = 0; i < Hll.REGISTERS; i++) {
                registers.add(Replies.integer(hll.register(i)));
            }
            return Replies.array(registers);
        }
        if (request.argIs(1, "decode")) {
            if (hll.encoding() != Hll.SPARSE) {
                return NOT_SPARSE;
            }
            return BulkReply.of(hll.decode());
        }
        if (request.argIs(1, "encoding")) {
            return new SimpleStringReply(hll.encoding() == Hll.DENSE ? "dense" : "sparse");
        }
        if (request.argIs(1, "todense")) {
            boolean sparse = hll.encoding() == Hll.SPARSE;
            if (!densify(request, key, hll)) {
                return HllKeys.CORRUPT;
            }
            return sparse ? Replies.ONE : Replies.ZERO;
        }
        return ErrorReply.formatted("Unknown PFDEBUG subcommand '" + CText.printed(request.arg(1), 1024) + "'");
    }

    /** Makes the HLL dense and stores it when it was sparse; false when it is corrupt. */
    private boolean densify(CommandRequest request, Key key, Hll hll) {
        if (hll.encoding() == Hll.DENSE) {
            return true;
        }
        if (!hll.toDense()) {
            return false;
        }
        HllKeys.write(keyspace, key, hll);
        request.propagation().replaceWith(request.args());
        return true;
    }
}
