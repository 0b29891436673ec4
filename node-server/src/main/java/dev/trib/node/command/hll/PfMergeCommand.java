package dev.trib.node.command.hll;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.function.LongSupplier;

/**
 * PFMERGE destkey [sourcekey ...]: the register-wise maximum of every key named (the destination included) written
 * into the destination, which goes dense when any input was dense and otherwise grows register by register as
 * redis-server does, so the resulting bytes match.
 */
record PfMergeCommand(Keyspace keyspace, LongSupplier sparseMaxBytes) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        byte[] max = new byte[Hll.REGISTERS];
        boolean dense = false;
        for (int i = 1; i < request.argc(); i++) {
            Hll hll = HllKeys.read(keyspace, request.key(i));
            if (hll == null) {
                continue;
            }
            dense |= hll.encoding() == Hll.DENSE;
            if (!hll.mergeInto(max)) {
                return HllKeys.CORRUPT;
            }
        }
        Key target = request.key(1);
        Hll out = HllKeys.read(keyspace, target);
        if (out == null) {
            out = Hll.empty();
        }
        if (dense && !out.toDense()) {
            return HllKeys.CORRUPT;
        }
        long limit = sparseMaxBytes.getAsLong();
        for (int reg = 0; reg < Hll.REGISTERS; reg++) {
            if (max[reg] != 0) {
                out.set(reg, max[reg], limit);
            }
        }
        out.invalidateCache();
        HllKeys.write(keyspace, target, out);
        return Replies.OK;
    }
}
