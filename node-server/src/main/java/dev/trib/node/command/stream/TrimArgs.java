package dev.trib.node.command.stream;

import dev.trib.node.command.Args;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.ErrorReply;

/**
 * The options XADD and XTRIM share (MAXLEN / MINID with = or ~, LIMIT; for XADD also NOMKSTREAM and the ID), read
 * in Redis's order with its errors. An approximate trim without LIMIT does at most 100 nodes' worth of work
 * (10000 entries with the default node size); from a master or the AOF there is no limit, as the trim to replay was
 * rewritten as an exact one.
 */
final class TrimArgs {
    private static final ErrorReply BOTH = new ErrorReply(
            "ERR syntax error, MAXLEN and MINID options at the same time are not compatible");

    boolean maxLenGiven;
    boolean minIdGiven;
    long maxLen;
    StreamId minId;
    boolean approx;
    long limit;
    /** Index of the MAXLEN / MINID argument, rewritten in what replicas get after an approximate trim. */
    int strategyArg;
    boolean noMkStream;
    /** XADD: index of the ID argument; its value when not "*". */
    int idIndex;
    StreamIds.Given id;

    static TrimArgs parse(CommandRequest request, boolean xadd) {
        TrimArgs a = new TrimArgs();
        boolean limitGiven = false;
        int argc = request.argc();
        int i = 2;
        for (; i < argc; i++) {
            int more = argc - 1 - i;
            byte[] opt = request.arg(i);
            String c = StreamIds.cString(opt);
            if (xadd && c.equals("*")) {
                break;
            } else if (c.equalsIgnoreCase("maxlen") && more > 0) {
                if (a.maxLenGiven || a.minIdGiven) {
                    throw Errors.fail(BOTH);
                }
                a.approx = false;
                i = a.modifier(request, i, more);
                a.maxLen = Args.toLong(request.arg(i + 1));
                if (a.maxLen < 0) {
                    throw Errors.fail(new ErrorReply("ERR The MAXLEN argument must be >= 0."));
                }
                i++;
                a.maxLenGiven = true;
                a.strategyArg = i;
            } else if (c.equalsIgnoreCase("minid") && more > 0) {
                if (a.maxLenGiven || a.minIdGiven) {
                    throw Errors.fail(BOTH);
                }
                a.approx = false;
                i = a.modifier(request, i, more);
                a.minId = StreamIds.parseStrict(request.arg(i + 1));
                i++;
                a.minIdGiven = true;
                a.strategyArg = i;
            } else if (c.equalsIgnoreCase("limit") && more > 0) {
                a.limit = Args.toLong(request.arg(i + 1));
                if (a.limit < 0) {
                    throw Errors.fail(new ErrorReply("ERR The LIMIT argument must be >= 0."));
                }
                limitGiven = true;
                i++;
            } else if (xadd && c.equalsIgnoreCase("nomkstream")) {
                a.noMkStream = true;
            } else if (xadd) {
                a.id = StreamIds.parseForAdd(opt);
                break;
            } else {
                throw Errors.fail(Errors.SYNTAX);
            }
        }
        a.idIndex = i;
        boolean trims = a.maxLenGiven || a.minIdGiven;
        if (a.limit != 0 && !trims) {
            throw Errors.fail(new ErrorReply(
                    "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"));
        }
        if (!xadd && !trims) {
            throw Errors.fail(new ErrorReply("ERR syntax error, XTRIM must be called with a trimming strategy"));
        }
        if (request.session() != null && (request.session().replicationMaster() || request.session().channel() == null)) {
            a.limit = 0;
        } else if (limitGiven) {
            if (!a.approx) {
                throw Errors.fail(new ErrorReply(
                        "ERR syntax error, LIMIT cannot be used without the special ~ option"));
            }
        } else {
            a.limit = a.approx ? 100L * StreamValue.NODE_MAX_ENTRIES : 0;
        }
        return a;
    }

    /** Skips a "~" or "=" after MAXLEN / MINID (when another argument follows it), noting "~". */
    private int modifier(CommandRequest request, int i, int more) {
        String next = StreamIds.cString(request.arg(i + 1));
        if (more >= 2 && next.equals("~")) {
            approx = true;
            return i + 1;
        }
        if (more >= 2 && next.equals("=")) {
            return i + 1;
        }
        return i;
    }

    boolean trims() {
        return maxLenGiven || minIdGiven;
    }

    /** Trims the stream as asked; the entries deleted. */
    long apply(StreamValue stream) {
        return stream.trim(maxLen, minIdGiven ? minId : null, approx, limit);
    }

    /**
     * What replicas get for an approximate trim: "=" and the length or first ID that resulted, so they remove
     * exactly what this node removed.
     */
    void rewrite(java.util.List<byte[]> argv, StreamValue stream) {
        argv.set(strategyArg - 1, new byte[] {'='});
        argv.set(strategyArg, maxLenGiven ? Long.toString(stream.length()).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII) : stream.firstStoredId().bytes());
    }
}
