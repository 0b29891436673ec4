package dev.trib.node.command;

import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The two-element reply of the SCAN family: the next cursor (unsigned, as text) and the elements. */
public final class ScanReply {
    private ScanReply() {
    }

    public static RespReply of(long cursor, List<byte[]> elements) {
        byte[] cursorText = Long.toUnsignedString(cursor).getBytes(StandardCharsets.US_ASCII);
        return new ArrayReply(List.of(new BulkReply(cursorText), Replies.bulks(elements)));
    }
}
