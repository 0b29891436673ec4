package dev.trib.node.command.hll;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * PFSELFTEST: redis-server's two self checks of this implementation. Random values written to the 6-bit dense
 * registers read back unchanged without disturbing their neighbours; and ten million distinct elements added to a
 * dense and a sparse HLL give the same estimate at every power of ten, within six standard errors.
 */
record PfSelfTestCommand(LongSupplier sparseMaxBytes) implements Command {
    private static final int CYCLES = 1000;

    @Override
    public RespReply execute(CommandRequest request) {
        Random random = new Random();
        byte[] registers = new byte[Hll.DENSE_SIZE];
        int[] expected = new int[Hll.REGISTERS];
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            for (int i = 0; i < Hll.REGISTERS; i++) {
                expected[i] = random.nextInt(64);
                Hll.denseWrite(registers, Hll.HEADER, i, expected[i]);
            }
            for (int i = 0; i < Hll.REGISTERS; i++) {
                int got = Hll.denseGet(registers, Hll.HEADER, i);
                if (got != expected[i]) {
                    return new ErrorReply("TESTFAILED Register " + i + " should be " + expected[i] + " but is " + got);
                }
            }
        }
        Hll dense = Hll.empty();
        dense.toDense();
        Hll sparse = Hll.empty();
        long limit = sparseMaxBytes.getAsLong();
        double relativeError = 1.04 / Math.sqrt(Hll.REGISTERS);
        long checkpoint = 1;
        long seed = random.nextLong();
        byte[] element = new byte[8];
        for (long j = 1; j <= 10_000_000L; j++) {
            long e = j ^ seed;
            for (int b = 0; b < 8; b++) {
                element[b] = (byte) (e >>> (8 * b));
            }
            dense.add(element, limit);
            sparse.add(element, limit);
            if (j != checkpoint) {
                continue;
            }
            if (j < limit / 2 && sparse.encoding() != Hll.SPARSE) {
                return new ErrorReply("TESTFAILED sparse encoding not used");
            }
            long estimate = dense.count();
            if (estimate != sparse.count()) {
                return new ErrorReply("TESTFAILED dense/sparse disagree");
            }
            long maxError = j == 10 ? 1 : (long) Math.ceil(relativeError * 6 * checkpoint);
            long error = Math.abs(checkpoint - estimate);
            if (error > maxError) {
                return new ErrorReply("TESTFAILED Too big error. card:" + checkpoint + " abserr:" + error);
            }
            checkpoint *= 10;
        }
        return Replies.OK;
    }
}
