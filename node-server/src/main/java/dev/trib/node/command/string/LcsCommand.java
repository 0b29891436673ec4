package dev.trib.node.command.string;

import dev.trib.node.resp.MapReply;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.List;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: the longest common subsequence of two strings (missing
 * keys are empty), its length, or the matching ranges walked from the end as redis-server reports them. The table
 * is the classic dynamic programme, capped as in Redis by proto-max-bulk-len bytes of four-byte cells.
 */
record LcsCommand(Keyspace keyspace, long maxBulkLength) implements Command {
    private static final ErrorReply NOT_STRINGS = new ErrorReply("ERR The specified keys must contain string values");
    private static final ErrorReply LEN_AND_IDX =
            new ErrorReply("ERR If you want both the length and indexes, please just use IDX.");
    private static final ErrorReply TOO_BIG = new ErrorReply(
            "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");

    @Override
    public RespReply execute(CommandRequest request) {
        RedisValue va = keyspace.get(request.key(1));
        RedisValue vb = keyspace.get(request.key(2));
        if ((va != null && !(va instanceof StringValue)) || (vb != null && !(vb instanceof StringValue))) {
            return NOT_STRINGS;
        }
        byte[] a = va == null ? new byte[0] : ((StringValue) va).bytes();
        byte[] b = vb == null ? new byte[0] : ((StringValue) vb).bytes();
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < request.argc(); j++) {
            boolean more = request.argc() - 1 - j > 0;
            if (request.argIs(j, "idx")) {
                getIdx = true;
            } else if (request.argIs(j, "len")) {
                getLen = true;
            } else if (request.argIs(j, "withmatchlen")) {
                withMatchLen = true;
            } else if (request.argIs(j, "minmatchlen") && more) {
                Long v = IntegerText.parse(request.arg(++j));
                if (v == null) {
                    return Errors.NOT_INTEGER;
                }
                minMatchLen = Math.max(0, v);
            } else {
                return Errors.SYNTAX;
            }
        }
        if (getLen && getIdx) {
            return LEN_AND_IDX;
        }
        int alen = a.length;
        int blen = b.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * 4 > maxBulkLength) {
            return TOO_BIG;
        }
        int[] lcs = new int[(int) cells];
        int w = blen + 1;
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                lcs[i * w + j] = a[i - 1] == b[j - 1] ? lcs[(i - 1) * w + j - 1] + 1
                        : Math.max(lcs[(i - 1) * w + j], lcs[i * w + j - 1]);
            }
        }
        int length = lcs[alen * w + blen];
        if (getLen) {
            return Replies.integer(length);
        }
        byte[] result = new byte[length];
        int idx = length;
        List<RespReply> matches = new ArrayList<>();
        int aStart = alen; // alen: no range open
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int i = alen;
        int j = blen;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (lcs[(i - 1) * w + j] > lcs[i * w + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            int matchLen = aEnd - aStart + 1;
            if (emit) {
                if (getIdx && (minMatchLen == 0 || matchLen >= minMatchLen)) {
                    List<RespReply> match = new ArrayList<>(3);
                    match.add(Replies.array(List.of(Replies.integer(aStart), Replies.integer(aEnd))));
                    match.add(Replies.array(List.of(Replies.integer(bStart), Replies.integer(bEnd))));
                    if (withMatchLen) {
                        match.add(Replies.integer(matchLen));
                    }
                    matches.add(Replies.array(match));
                }
                aStart = alen;
            }
        }
        if (getIdx) {
            return new MapReply(List.of(BulkReply.of("matches"), Replies.array(matches), BulkReply.of("len"),
                    Replies.integer(length)));
        }
        return new BulkReply(result);
    }
}
