package dev.trib.node.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Shared, pre-built replies and small factories for the common shapes. */
public final class Replies {
    public static final SimpleStringReply OK = new SimpleStringReply("OK");
    public static final SimpleStringReply PONG = new SimpleStringReply("PONG");
    public static final IntegerReply ZERO = IntegerReply.of(0);
    public static final IntegerReply ONE = IntegerReply.of(1);
    public static final IntegerReply MINUS_ONE = IntegerReply.of(-1);
    public static final NullBulkReply NULL_BULK = NullBulkReply.INSTANCE;
    public static final NullArrayReply NULL_ARRAY = NullArrayReply.INSTANCE;
    public static final BulkReply EMPTY_BULK = new BulkReply(new byte[0]);
    public static final ArrayReply EMPTY_ARRAY = new ArrayReply(List.of());
    public static final MapReply EMPTY_MAP = new MapReply(List.of());
    public static final SetReply EMPTY_SET = new SetReply(List.of());
    /** What every *SCAN command answers for a missing key: cursor 0 and no elements. */
    public static final ArrayReply EMPTY_SCAN = new ArrayReply(List.of(BulkReply.of("0"), EMPTY_ARRAY));

    private Replies() {
    }

    public static IntegerReply integer(long value) {
        return IntegerReply.of(value);
    }

    public static IntegerReply bool(boolean value) {
        return value ? ONE : ZERO;
    }

    public static RespReply bulkOrNull(byte[] data) {
        return data == null ? NULL_BULK : new BulkReply(data);
    }

    public static BulkReply bulk(long value) {
        return new BulkReply(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    public static ArrayReply array(List<? extends RespReply> items) {
        return items.isEmpty() ? EMPTY_ARRAY : new ArrayReply(items);
    }

    /** Set members as bulk strings: {@code ~n} in RESP3, an array in RESP2. */
    public static SetReply set(Collection<byte[]> members) {
        if (members.isEmpty()) {
            return EMPTY_SET;
        }
        List<RespReply> out = new ArrayList<>(members.size());
        for (byte[] m : members) {
            out.add(new BulkReply(m));
        }
        return new SetReply(out);
    }

    /** Key, value, key, value ...: {@code %n} in RESP3, a flat array in RESP2. */
    public static MapReply map(List<? extends RespReply> flat) {
        return flat.isEmpty() ? EMPTY_MAP : new MapReply(flat);
    }

    public static ArrayReply bulks(Collection<byte[]> items) {
        List<RespReply> out = new ArrayList<>(items.size());
        for (byte[] item : items) {
            out.add(new BulkReply(item));
        }
        return array(out);
    }
}
