package dev.trib.node.command.bitmap;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BITFIELD key [GET type offset | SET type offset value | INCRBY type offset increment | OVERFLOW WRAP|SAT|FAIL]...
 * and BITFIELD_RO (GET only). Every operation is parsed before any runs, as in redis-server; the string grows to
 * the farthest bit written; an overflow under FAIL answers null and writes nothing. Types are i1..i64 and u1..u63,
 * offsets plain bits or {@code #n} (n times the type's width).
 */
record BitFieldCommand(Keyspace keyspace, long maxStringLength, boolean readOnly) implements Command {
    private static final ErrorReply BAD_TYPE = new ErrorReply(
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
    private static final ErrorReply BAD_OFFSET = new ErrorReply("ERR bit offset is not an integer or out of range");
    private static final ErrorReply BAD_OVERFLOW = new ErrorReply("ERR Invalid OVERFLOW type specified");
    private static final ErrorReply RO_GET_ONLY = new ErrorReply("ERR BITFIELD_RO only supports the GET subcommand");

    private enum Overflow { WRAP, SAT, FAIL }

    private enum Kind { GET, SET, INCRBY }

    private record Op(Kind kind, boolean signed, int bits, long offset, long value, Overflow overflow) {
    }

    @Override
    public RespReply execute(CommandRequest request) {
        List<Op> ops = new ArrayList<>();
        Overflow overflow = Overflow.WRAP;
        boolean writes = false;
        long highestBit = 0;
        for (int j = 2; j < request.argc(); j++) {
            int remaining = request.argc() - j - 1;
            Kind kind;
            if (request.argIs(j, "get") && remaining >= 2) {
                kind = Kind.GET;
            } else if (request.argIs(j, "set") && remaining >= 3) {
                kind = Kind.SET;
            } else if (request.argIs(j, "incrby") && remaining >= 3) {
                kind = Kind.INCRBY;
            } else if (request.argIs(j, "overflow") && remaining >= 1) {
                j++;
                overflow = request.argIs(j, "wrap") ? Overflow.WRAP : request.argIs(j, "sat") ? Overflow.SAT
                        : request.argIs(j, "fail") ? Overflow.FAIL : null;
                if (overflow == null) {
                    return BAD_OVERFLOW;
                }
                continue;
            } else {
                return Errors.SYNTAX;
            }
            byte[] type = request.arg(j + 1);
            boolean signed = type.length > 0 && type[0] == 'i';
            if (type.length == 0 || (type[0] != 'i' && type[0] != 'u')) {
                return BAD_TYPE;
            }
            Long width = IntegerText.parse(cString(type, 1));
            if (width == null || width < 1 || width > (signed ? 64 : 63)) {
                return BAD_TYPE;
            }
            int bits = width.intValue();
            long offset = offset(request.arg(j + 2), bits);
            long value = 0;
            if (kind != Kind.GET) {
                writes = true;
                highestBit = Math.max(highestBit, offset + bits - 1);
                Long v = IntegerText.parse(request.arg(j + 3));
                if (v == null) {
                    return Errors.NOT_INTEGER;
                }
                value = v;
            }
            ops.add(new Op(kind, signed, bits, offset, value, overflow));
            j += kind == Kind.GET ? 2 : 3;
        }
        Key key = request.key(1);
        StringValue string = keyspace.get(key, StringValue.class);
        if (!writes) {
            byte[] bytes = string == null ? new byte[0] : string.bytes();
            List<RespReply> out = new ArrayList<>(ops.size());
            for (Op op : ops) {
                out.add(Replies.integer(op.signed ? signed(bytes, op.offset, op.bits)
                        : unsigned(bytes, op.offset, op.bits)));
            }
            return request.unchanged(Replies.array(out));
        }
        if (readOnly) {
            return RO_GET_ONLY;
        }
        int needed = (int) (highestBit >>> 3) + 1;
        byte[] bytes = string == null ? new byte[0] : string.bytes();
        boolean grown = string == null || bytes.length < needed;
        if (bytes.length < needed) {
            bytes = Arrays.copyOf(bytes, needed);
        } else {
            bytes = bytes.clone();
        }
        int changes = 0;
        List<RespReply> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op.kind == Kind.GET) {
                out.add(Replies.integer(op.signed ? signed(bytes, op.offset, op.bits)
                        : unsigned(bytes, op.offset, op.bits)));
                continue;
            }
            long old = op.signed ? signed(bytes, op.offset, op.bits) : unsigned(bytes, op.offset, op.bits);
            long[] result = op.signed ? signedUpdate(op, old) : unsignedUpdate(op, old);
            if (result == null) {
                out.add(Replies.NULL_BULK);
                continue;
            }
            out.add(Replies.integer(result[1]));
            write(bytes, op.offset, op.bits, result[0]);
            if (grown || old != result[0]) {
                changes++;
            }
        }
        if (string == null || grown || changes > 0) {
            keyspace.overwrite(key, StringValue.raw(bytes));
        }
        if (changes == 0) {
            request.propagation().suppress();
        }
        return Replies.array(out);
    }

    /** The bytes up to the first NUL, as C's strlen sees an argument. */
    private static byte[] cString(byte[] arg, int from) {
        int end = from;
        while (end < arg.length && arg[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(arg, from, end);
    }

    private long offset(byte[] arg, int bits) {
        boolean hash = arg.length > 0 && arg[0] == '#';
        Long v = IntegerText.parse(hash ? Arrays.copyOfRange(arg, 1, arg.length) : arg);
        if (v == null) {
            throw Errors.fail(BAD_OFFSET);
        }
        long offset = hash ? v * bits : v;
        if (offset < 0 || (offset >> 3) >= maxStringLength) {
            throw Errors.fail(BAD_OFFSET);
        }
        return offset;
    }

    /** {new value, reply} of a SET or INCRBY on a signed field, or null for an overflow under FAIL. */
    private static long[] signedUpdate(Op op, long old) {
        long max = op.bits == 64 ? Long.MAX_VALUE : (1L << (op.bits - 1)) - 1;
        long min = -max - 1;
        long value = op.kind == Kind.INCRBY ? old : op.value;
        long incr = op.kind == Kind.INCRBY ? op.value : 0;
        long maxIncr = max - value;
        long minIncr = min - value;
        int overflow = 0;
        if (value > max || (op.bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            overflow = 1;
        } else if (value < min || (op.bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            overflow = -1;
        }
        long next = value + incr;
        if (overflow != 0) {
            switch (op.overflow) {
                case FAIL:
                    return null;
                case SAT:
                    next = overflow > 0 ? max : min;
                    break;
                default:
                    if (op.bits < 64) {
                        long mask = -1L << op.bits;
                        next = (next & (1L << (op.bits - 1))) != 0 ? next | mask : next & ~mask;
                    }
            }
        }
        return new long[] {next, op.kind == Kind.INCRBY ? next : old};
    }

    /** As {@link #signedUpdate} for an unsigned field (values as unsigned 64-bit numbers, widths up to 63). */
    private static long[] unsignedUpdate(Op op, long old) {
        long max = (1L << op.bits) - 1;
        long value = op.kind == Kind.INCRBY ? old : op.value;
        long incr = op.kind == Kind.INCRBY ? op.value : 0;
        long maxIncr = max - value;
        long minIncr = -value;
        int overflow = 0;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
            overflow = 1;
        } else if (incr < 0 && incr < minIncr) {
            overflow = -1;
        }
        long next = value + incr;
        if (overflow != 0) {
            switch (op.overflow) {
                case FAIL:
                    return null;
                case SAT:
                    next = overflow > 0 ? max : 0;
                    break;
                default:
                    next &= ~(-1L << op.bits);
            }
        }
        return new long[] {next, op.kind == Kind.INCRBY ? next : old};
    }

    /** The field's bits, most significant first, as an unsigned number; bits past the string read as zero. */
    private static long unsigned(byte[] bytes, long offset, int bits) {
        long value = 0;
        for (int i = 0; i < bits; i++, offset++) {
            long index = offset >>> 3;
            int bit = index < bytes.length ? (bytes[(int) index] >> (7 - (int) (offset & 7))) & 1 : 0;
            value = (value << 1) | bit;
        }
        return value;
    }

    private static long signed(byte[] bytes, long offset, int bits) {
        long value = unsigned(bytes, offset, bits);
        if (bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    private static void write(byte[] bytes, long offset, int bits, long value) {
        for (int i = bits - 1; i >= 0; i--, offset++) {
            int index = (int) (offset >>> 3);
            int mask = 1 << (7 - (int) (offset & 7));
            if (((value >>> i) & 1) != 0) {
                bytes[index] |= (byte) mask;
            } else {
                bytes[index] &= (byte) ~mask;
            }
        }
    }
}
